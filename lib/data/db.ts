/**
 * The only place that opens database connections. Prisma (through @prisma/adapter-pg) for ordinary reads
 * and writes; a plain pg pool for the aggregate SQL of the dashboards, which can point at a read replica
 * (DATABASE_READ_URL, falling back to DATABASE_URL).
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// int8 (COUNT, SUM of integers) comes back as a string by default; our sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);

interface Connections {
  pool: pg.Pool;
  readPool: pg.Pool;
  prisma: InstanceType<typeof PrismaClient>;
}

const globalForDb = globalThis as unknown as { __trackerDb?: Connections };

function connect(): Connections {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: poolMax });
  const readUrl = process.env.DATABASE_READ_URL;
  const readPool = readUrl ? new pg.Pool({ connectionString: readUrl, max: poolMax }) : pool;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, readPool, prisma };
}

export function db(): Connections {
  globalForDb.__trackerDb ??= connect();
  return globalForDb.__trackerDb;
}

export async function closeDb(): Promise<void> {
  const c = globalForDb.__trackerDb;
  if (!c) return;
  globalForDb.__trackerDb = undefined;
  await c.prisma.$disconnect();
  await c.pool.end();
  if (c.readPool !== c.pool) await c.readPool.end();
}
