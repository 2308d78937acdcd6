/**
 * A database that hangs does not hang everyone (issue 30, item 3): with every PostgreSQL process of the test cluster
 * stopped (SIGSTOP), a query on a pooled connection and a new connection both fail within 5 s with an error that
 * lib/data/unavailable.ts takes for an outage (the outage message, the API's 503), and the pool works again once the
 * database does. A busy database (a long query that answers) is left alone.
 */
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { probeDatabase, watchedPool } from "@/lib/data/pool";
import { readiness } from "@/lib/data/readiness";
import { isDatabaseUnavailable } from "@/lib/data/unavailable";
import { testDatabaseUrl } from "./support/db";

const stopped: number[] = [];

function parentOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
}

/** The postmaster and all its children. */
function clusterPids(postmaster: number): number[] {
  const children = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return parentOf(pid) === postmaster;
      } catch {
        return false;
      }
    });
  return [postmaster, ...children];
}

function freeze(pids: number[]) {
  for (const pid of pids) {
    process.kill(pid, "SIGSTOP");
    stopped.push(pid);
  }
}

function thaw() {
  for (const pid of stopped.splice(0)) {
    try {
      process.kill(pid, "SIGCONT");
    } catch {
      /* gone */
    }
  }
}

afterAll(thaw);

async function settle<T>(promise: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await promise;
    return { ms: Date.now() - started, error: null };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe("a frozen database", () => {
  it("fails waiting queries and new connections within 5 s as an outage, and recovers", async () => {
    const pool = watchedPool(testDatabaseUrl(), { max: 3, connectionTimeoutMillis: 10_000 });
    pool.on("error", () => {});
    try {
      const pid = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const postmaster = parentOf(pid);
      freeze(clusterPids(postmaster));
      try {
        const [onPooled, onNew] = await Promise.all([
          settle(pool.query("SELECT 1")),
          settle(
            (async () => {
              // a second and third connection: new ones, to a postmaster that does not answer
              const a = pool.connect();
              const b = pool.connect();
              await Promise.all([a, b]);
            })(),
          ),
        ]);
        for (const r of [onPooled, onNew]) {
          expect(r.error).toBeTruthy();
          expect(isDatabaseUnavailable(r.error), String(r.error)).toBe(true);
          expect(r.ms).toBeLessThan(5_000);
        }
        // Known to be down: the next request fails at once.
        const next = await settle(pool.query("SELECT 1"));
        expect(isDatabaseUnavailable(next.error)).toBe(true);
        expect(next.ms).toBeLessThan(1_000);
        expect((await probeDatabase(testDatabaseUrl(), 500)).answered).toBe(false);
        // /api/ready says so within its bound.
        const ready = await settle(readiness().then((r) => expect(r).toEqual({ ok: false, database: "unavailable" })));
        expect(ready.error).toBeNull();
        expect(ready.ms).toBeLessThan(3_000);
      } finally {
        thaw();
      }
      // Back: within a few seconds the pool serves again.
      const deadline = Date.now() + 10_000;
      let ok = false;
      while (!ok && Date.now() < deadline) {
        ok = await pool.query("SELECT 1 AS one").then(
          (r) => r.rows[0].one === 1,
          () => false,
        );
        if (!ok) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ok).toBe(true);
      expect(await readiness()).toEqual({ ok: true, database: "ok" });
    } finally {
      thaw();
      await pool.end();
    }
  }, 30_000);

  it("leaves a busy database alone: a query that takes 4 s completes", async () => {
    const pool = watchedPool(testDatabaseUrl(), { max: 2 });
    try {
      const { rows } = await pool.query<{ ok: number }>("SELECT 1 AS ok FROM pg_sleep(4)");
      expect(rows[0]!.ok).toBe(1);
    } finally {
      await pool.end();
    }
  }, 20_000);
});
