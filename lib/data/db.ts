/**
 * Database access: Prisma (through @prisma/adapter-pg) for ordinary reads and writes, on the pools of ./pool.ts
 * (the only place that opens connections), and those pools for the aggregate SQL of the dashboards.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { type Pools, closePools, pools } from "./pool";

interface Connections extends Pools {
  prisma: InstanceType<typeof PrismaClient>;
}

const globalForDb = globalThis as unknown as { __trackerDb?: Connections };

export function db(): Connections {
  globalForDb.__trackerDb ??= { ...pools(), prisma: new PrismaClient({ adapter: new PrismaPg(pools().pool) }) };
  return globalForDb.__trackerDb;
}

export async function closeDb(): Promise<void> {
  const c = globalForDb.__trackerDb;
  globalForDb.__trackerDb = undefined;
  if (c) await c.prisma.$disconnect();
  await closePools();
}
