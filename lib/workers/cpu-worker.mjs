// Entry of the CPU worker threads (lib/workers/pool.ts): the tasks are TypeScript, loaded through tsx's API (the same
// loader the tests run with), with the project's tsconfig paths; or, under `npm start`, compiled beforehand (below).
import { readlinkSync } from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";

// This thread runs below the request thread (nice 10, Linux keeps a nice value per thread): when the cores are busy,
// the operating system runs the request thread first, so that the server answers while an upload or a document is
// being worked on. Elsewhere (no /proc/thread-self) the thread keeps the process's priority.
export const WORKER_NICE = 10;
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) os.setPriority(tid, WORKER_NICE);
} catch {
  // not Linux, or not allowed: same priority as the request thread
}

// In production (scripts/start.ts) the tasks come compiled to JavaScript beforehand (CPU_WORKER_TASKS): no
// TypeScript loader in the worker, about 35 MB less of the server's memory per worker (issue 23, item 8).
if (process.env.CPU_WORKER_TASKS) await import(pathToFileURL(process.env.CPU_WORKER_TASKS).href);
else await (await import("tsx/esm/api")).tsImport("./cpu-tasks.ts", import.meta.url);
