/**
 * A database that dies does not stay dead (issue 30, item 4): the embedded PostgreSQL killed with SIGKILL is started
 * again on its port by the supervisor of `npm start` (lib/embedded/supervise.ts), and the app's pool serves the next
 * query; a server that cannot be restarted makes the supervisor give up (the app stops) after the stated attempts.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watchedPool } from "@/lib/data/pool";
import { type RunningCluster, startCluster } from "@/lib/embedded/postgres";
import { superviseDatabase } from "@/lib/embedded/supervise";

const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-supervise-"));
chmodSync(dir, 0o711); // as root the server runs as `postgres`
const clusters: RunningCluster[] = [];

function start(port = 0) {
  return startCluster({
    dataDir: path.join(dir, "data"),
    port,
    strictPort: port !== 0,
    password: null,
    durable: false,
    logFile: path.join(dir, "postgres.log"),
  }).then((c) => {
    clusters.push(c);
    return c;
  });
}

afterAll(async () => {
  for (const c of clusters) await c.stop(3_000).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database's supervisor", () => {
  it("restarts a killed server on the same port, and the next query succeeds", async () => {
    const first = await start();
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const supervisor = superviseDatabase(first, {
      restart: () => start(first.port),
      log: (m) => lines.push(m),
      giveUp: (w) => gaveUp.push(w),
      baseDelayMs: 200,
    });
    const pool = watchedPool(first.url("postgres"), { max: 2 });
    pool.on("error", () => {});
    try {
      expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      process.kill(first.pid, "SIGKILL");
      const deadline = Date.now() + 30_000;
      let ok = false;
      while (!ok && Date.now() < deadline) {
        ok =
          supervisor.current().pid !== first.pid &&
          (await pool.query("SELECT 1 AS one").then(
            (r) => r.rows[0].one === 1,
            () => false,
          ));
        if (!ok) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ok).toBe(true);
      expect(supervisor.current().pid).not.toBe(first.pid);
      expect(supervisor.current().port).toBe(first.port);
      expect(lines.join("\n")).toMatch(
        /stopped unexpectedly.*signal SIGKILL[\s\S]*Restarting the database server in 0.2 s \(attempt 1 of 5\)[\s\S]*running again/,
      );
      expect(gaveUp).toEqual([]);
    } finally {
      supervisor.stop();
      await pool.end();
      await supervisor.current().stop(3_000);
    }
  }, 60_000);

  it("gives up after the stated number of failed restarts", async () => {
    const first = await start();
    const lines: string[] = [];
    let why = "";
    const gaveUp = new Promise<void>((resolve) => {
      superviseDatabase(first, {
        restart: () => Promise.reject(new Error("no space left on device")),
        log: (m) => lines.push(m),
        giveUp: (w) => {
          why = w;
          resolve();
        },
        baseDelayMs: 50,
        maxFailures: 3,
      });
    });
    process.kill(first.pid, "SIGKILL");
    await gaveUp;
    expect(why).toMatch(/3 restarts failed/);
    expect(lines.filter((l) => l.startsWith("Restarting the database server failed"))).toHaveLength(3);
  }, 30_000);
});
