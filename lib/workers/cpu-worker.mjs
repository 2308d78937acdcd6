// Entry of the CPU worker threads (lib/workers/pool.ts): the tasks are TypeScript, loaded through tsx's API (the same
// loader `npm start` runs the server with), with the project's tsconfig paths.
import { readlinkSync } from "node:fs";
import os from "node:os";
import { tsImport } from "tsx/esm/api";

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

await tsImport("./cpu-tasks.ts", import.meta.url);
