// Computes the SQL that takes the migrations folder to schema.prisma with Prisma's schema engine compiled to
// WebAssembly (@prisma/schema-engine-wasm), driven through @prisma/adapter-pg: the native engine that
// `prisma migrate diff` needs cannot be downloaded on these machines. Developer/test tooling only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "./apply";

export const DEFAULT_SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");

type Runtime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

declare global {
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let lastPanic: string | undefined;
let runtime: Promise<Runtime> | undefined;

// wasm-bindgen keeps one instance per module: instantiate once per process (a second one crashes).
// The package's entry imports the .wasm file as an ES module, which Node 20 cannot do, so wire it by hand.
function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    // Without this a Rust panic surfaces as "Cannot read properties of undefined (reading 'set_message')".
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => void (lastPanic = m) };
    const rt: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
      "./schema_engine_bg.js": rt as unknown as WebAssembly.ModuleImports,
    });
    rt.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return rt;
  })();
  return runtime;
}

// The schema describer reads catalog columns of Postgres' internal `"char"` type (OID 18), which adapter-pg
// refuses ("Unsupported column type"). Its values arrive as one-letter strings: report the column as text (25).
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const patch = (res: any) => {
      for (const r of [res].flat()) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return res;
    };
    if (typeof values === "function") [values, callback] = [undefined, values];
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    if (callback)
      return super.query(config, values, (err: Error, res: unknown) => callback(err, err ? res : patch(res)));
    return super.query(config, values).then(patch);
  }
}

const DROP_CONSTRAINT_TRIGGERS = `DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tg.tgname, c.relname FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND tg.tgconstraint <> 0 AND NOT tg.tgisinternal LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t.tgname, t.relname);
  END LOOP;
END $$`;

async function connectAdapter(url: string, pools: pg.Pool[]): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, Client: CharAsTextClient, max: 2 });
  pools.push(pool);
  const adapter = await new PrismaPg(pool).connect();
  // adapter-pg splits scripts on ";" (breaking $$-quoted function bodies) and does not end a pool it was given.
  // Send scripts whole: the simple query protocol runs several statements in one go.
  // The engine's schema describer panics ("unreachable") on a constraint trigger's row in pg_constraint (contype
  // 't'), and schema.prisma cannot describe triggers anyway: in this scratch database they are dropped after each
  // script (the migrations themselves, applied by ./apply.ts, keep them).
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
      await pool.query(DROP_CONSTRAINT_TRIGGERS);
    } catch (e) {
      (adapter as unknown as { onError(e: unknown): never }).onError(e);
    }
  };
  adapter.dispose = () => endPool(pool);
  return adapter;
}

const ended = new WeakSet<pg.Pool>();
async function endPool(pool: pg.Pool): Promise<void> {
  if (ended.has(pool)) return;
  ended.add(pool);
  await pool.end();
}

/** Drops everything in the shadow database's public schema. */
export async function wipeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

// adapter-pg's connectToShadowDb() runs CREATE DATABASE and then, given a connection string, still connects
// to the main database (the URL wins over `database`). Point both connections at the scratch database instead.
// The engine does not dispose every adapter it opens (free() leaves the main one), so `pools` tracks them.
function shadowOnlyFactory(shadowDatabaseUrl: string, pools: pg.Pool[]): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter(shadowDatabaseUrl, pools),
    connectToShadowDb: async () => {
      await wipeDatabase(shadowDatabaseUrl);
      return connectAdapter(shadowDatabaseUrl, pools);
    },
  };
}

export function migrationList(migrationsDir: string): MigrationList {
  // The engine takes the connector from the lockfile; a project without one yet is PostgreSQL all the same.
  let lockfile = 'provider = "postgresql"\n';
  try {
    lockfile = readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8");
  } catch {
    // no lockfile yet
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(migrationsDir).map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
}

/** True for the engine's "-- This is an empty migration." and other comment-only scripts. */
export function isEmptyMigrationScript(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

/**
 * SQL taking a database migrated with every migration in the folder to schema.prisma.
 * Empty (or only comments, "-- This is an empty migration.") when they agree.
 * `shadowDatabaseUrl` must be a scratch database: it is wiped, then the migrations are replayed on it.
 */
export async function diffMigrationsToSchema(opts: {
  shadowDatabaseUrl: string;
  migrationsDir?: string;
  schemaPath?: string;
}): Promise<string> {
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const rt = await loadRuntime();
  const pools: pg.Pool[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(shadowOnlyFactory(opts.shadowDatabaseUrl, pools));
  let engine: SchemaEngine | undefined;
  lastPanic = undefined;
  try {
    engine = await rt.SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationList(migrationsDir) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } catch (e) {
    throw engineError(e, factory.errorRegistry);
  } finally {
    engine?.free();
    await Promise.all(pools.map(endPool));
  }
}

// Errors from JS (the adapter) come back from the engine as ids into the factory's error registry.
function engineError(e: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): Error {
  if (lastPanic) return new Error(`Prisma schema engine panicked: ${lastPanic}`, { cause: e });
  const err = e instanceof Error ? e : new Error(String(e));
  const id = /External error id#(\d+)|"id"\s*:\s*(\d+)/.exec(err.message)?.slice(1).find(Boolean);
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  return original instanceof Error
    ? new Error(`${err.message}\ncaused by: ${original.message}`, { cause: original })
    : err;
}
