/** Resident memory of the app's processes, read from /proc (Linux): the benchmark's view of the server's memory. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Every process below `pid`, children first. */
export function descendants(pid: number): number[] {
  const r = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)]);
  const kids = r.stdout.toString().split(/\s+/).filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

/** RSS of one process in MB (0 when it is gone). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The app server (scripts/server.ts as `npm start` runs it: .next/tracker-server.mjs) below `pid`. */
export function appServerPid(pid: number): number {
  const found = descendants(pid).find((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, "utf8").includes("tracker-server.mjs");
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`no app server below process ${pid}`);
  return found;
}

/** RSS (MB) of the largest process under `pid` now, and its peak until stop() is called. */
export function sampleRss(pid: number): { start: number; stop: () => number } {
  let peak = 0;
  const pids = descendants(pid);
  const largest = () => Math.max(0, ...pids.map(rssMb));
  const start = largest();
  const timer = setInterval(() => (peak = Math.max(peak, largest())), 100);
  return { start, stop: () => (clearInterval(timer), peak) };
}

/** Runs this script again once per scale (`--scale=<s>`), each in a process of its own, so that each peak is its own. */
export function eachScaleInItsOwnProcess(scales: string[]): void {
  for (const s of scales) {
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, `--scale=${s}`], {
      stdio: "inherit",
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
