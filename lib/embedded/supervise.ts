/**
 * Keeps the embedded database running under `npm start` (issue 30, item 4): when the server process ends while the
 * app still runs (killed, crashed), it is started again on the same port after a back-off (1 s, 2 s, 4 s, … up to
 * 30 s), with a log line each time; after `maxFailures` failed restarts in a row, or that many ends within a few minutes,
 * `giveUp` is called (the app stops cleanly: never a silent half-life of an app without its database).
 */
import type { RunningCluster } from "./postgres";

export interface SuperviseOptions {
  /** Starts the server again (same data folder, same port). */
  restart: () => Promise<RunningCluster>;
  log: (m: string) => void;
  giveUp: (why: string) => void;
  /** Called with each new server. */
  restarted?: (cluster: RunningCluster) => void;
  maxFailures?: number;
  baseDelayMs?: number;
  /** A server that stayed up this long resets the count. */
  stableMs?: number;
}

export interface Supervisor {
  current: () => RunningCluster;
  /** An intended stop: no more restarts. */
  stop: () => void;
}

export function superviseDatabase(first: RunningCluster, options: SuperviseOptions): Supervisor {
  const maxFailures = options.maxFailures ?? 5;
  const baseDelay = options.baseDelayMs ?? 1_000;
  const stableMs = options.stableMs ?? 120_000;
  let current = first;
  let stopped = false;
  let failures = 0;
  let upSince = Date.now();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const watch = async () => {
    while (!stopped) {
      const how = await current.exited;
      if (stopped) return;
      if (Date.now() - upSince >= stableMs) failures = 0;
      options.log(`The database server stopped unexpectedly (pid ${current.pid}, ${how})`);
      for (;;) {
        failures++;
        if (failures > maxFailures) {
          options.giveUp(
            `the database server could not be kept running (${maxFailures} restarts failed or ended): stopping the app; see the database log`,
          );
          return;
        }
        const delay = Math.min(baseDelay * 2 ** (failures - 1), 30_000);
        options.log(`Restarting the database server in ${delay / 1000} s (attempt ${failures} of ${maxFailures})…`);
        await sleep(delay);
        if (stopped) return;
        try {
          current = await options.restart();
          upSince = Date.now();
          options.log(`The database server is running again (pid ${current.pid})`);
          options.restarted?.(current);
          break;
        } catch (error) {
          options.log(
            `Restarting the database server failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  };
  void watch();
  return {
    current: () => current,
    stop: () => {
      stopped = true;
    },
  };
}
