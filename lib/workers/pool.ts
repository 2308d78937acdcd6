/**
 * CPU-heavy work off the request thread (issue 29): parsing and checking an upload runs in worker threads, so that
 * one user's 50 MB file never stalls anyone else's page or /api/health. Bounded in all (MAX_WORKERS threads, at most
 * CPU_QUEUE tasks waiting) and per user (one task at a time); beyond that the request is refused with a message.
 * A worker that fails, runs out of memory or overruns its time is ended and replaced; its task gets an error.
 *
 * Workers load their TypeScript through tsx (lib/workers/cpu-worker.mjs), from the project folder (or
 * CPU_WORKER_DIR): the server and the tests both run from there.
 */
import os from "node:os";
import path from "node:path";
import * as threads from "node:worker_threads";
import { MessageChannel, type Worker } from "node:worker_threads";
import { DataError, inVietnamese } from "@/lib/data/errors";

/**
 * Threads for CPU work: one less than the cores, at least one (on the reference machine's 2 cores: 1), or
 * CPU_WORKERS. A core stays free for the request thread: with every core busy in workers, the operating system
 * delays the request thread itself (measured: /api/health late by 230 ms with 2 workers on 2 cores).
 */
const MAX_WORKERS = Math.max(1, Number(process.env.CPU_WORKERS) || os.availableParallelism() - 1);
/** Tasks waiting for a thread beyond which new ones are refused. */
const MAX_WAITING = 8;
/** Tasks of one user at a time (running or waiting). */
const PER_USER = 1;
/** A task that takes longer is ended (its worker too). */
const TASK_MS = 5 * 60_000;
/** Heap of a worker: an upload beyond what this holds fails alone, not the server. */
const WORKER_HEAP_MB = 1024;

const BUSY = { key: "workers.busy" };
export const BUSY_MESSAGE = inVietnamese(BUSY);
const USER_BUSY = { key: "workers.userBusy" };
export const USER_BUSY_MESSAGE = inVietnamese(USER_BUSY);

interface Slot {
  worker: Worker;
  busy: boolean;
}

const slots: Slot[] = [];
const waiting: ((slot: Slot) => void)[] = [];
const perUser = new Map<string, number>();

/**
 * The worker's entry on disk, started through a constructor the bundler does not recognise: Turbopack follows
 * `new Worker(path)` and would bundle the worker (and tsx, and esbuild's binary) into the server.
 */
const WorkerThread = Reflect.get(threads, "Worker") as typeof Worker;

function workerEntry(): string {
  return path.resolve(process.cwd(), process.env.CPU_WORKER_DIR ?? "lib/workers", "cpu-worker.mjs");
}

function spawn(): Slot {
  const worker = new WorkerThread(workerEntry(), {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref();
  const slot: Slot = { worker, busy: false };
  const drop = () => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  };
  worker.on("error", (e) => console.error("cpu worker:", e.message));
  worker.on("exit", drop);
  slots.push(slot);
  return slot;
}

function acquire(): Promise<Slot> {
  const free = slots.find((s) => !s.busy);
  if (free) {
    free.busy = true;
    return Promise.resolve(free);
  }
  if (slots.length < MAX_WORKERS) {
    const slot = spawn();
    slot.busy = true;
    return Promise.resolve(slot);
  }
  if (waiting.length >= MAX_WAITING) return Promise.reject(new DataError("BUSY", BUSY));
  return new Promise((resolve) => waiting.push(resolve));
}

function release(slot: Slot, healthy: boolean): void {
  if (!healthy) {
    slot.busy = true;
    void slot.worker.terminate();
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  } else {
    slot.busy = false;
  }
  const next = waiting.shift();
  if (!next) return;
  const free = slots.find((s) => !s.busy) ?? (slots.length < MAX_WORKERS ? spawn() : null);
  if (free) {
    free.busy = true;
    next(free);
  } else waiting.unshift(next);
}

/** One conversation with a task in a worker: `ask` sends a step and resolves with the worker's answer to it. */
export interface TaskChannel {
  ask<R>(message: unknown, transfer?: ArrayBuffer[]): Promise<R>;
}

/**
 * Runs `task` (one of lib/workers/cpu-tasks.ts) in a worker for `owner`, talking to it through `talk`. Refused with
 * DataError BUSY when the owner already has a task or too many are waiting.
 */
export async function runInWorker<T>(
  owner: string,
  task: string,
  talk: (channel: TaskChannel) => Promise<T>,
): Promise<T> {
  if ((perUser.get(owner) ?? 0) >= PER_USER) throw new DataError("BUSY", USER_BUSY);
  perUser.set(owner, (perUser.get(owner) ?? 0) + 1);
  let slot: Slot | null = null;
  let healthy = true;
  const { port1, port2 } = new MessageChannel();
  try {
    slot = await acquire();
    const worker = slot.worker;
    let fail: (e: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    const onError = (e: Error) => fail(e);
    const onExit = (code: number) => fail(new Error(`cpu worker exited (${code})`));
    worker.on("error", onError);
    worker.on("exit", onExit);
    const timer = setTimeout(() => fail(new Error("cpu task timed out")), TASK_MS);
    try {
      worker.postMessage({ task, port: port2 }, [port2]);
      const channel: TaskChannel = {
        ask: <R>(message: unknown, transfer: ArrayBuffer[] = []) =>
          Promise.race([
            new Promise<R>((resolve) => {
              port1.once("message", (answer: R) => resolve(answer));
              port1.postMessage(message, transfer);
            }),
            failed,
          ]),
      };
      return await talk(channel);
    } catch (error) {
      if (!(error instanceof DataError)) healthy = false;
      throw error;
    } finally {
      clearTimeout(timer);
      worker.off("error", onError);
      worker.off("exit", onExit);
    }
  } finally {
    port1.close();
    if (slot) release(slot, healthy);
    const n = (perUser.get(owner) ?? 1) - 1;
    if (n > 0) perUser.set(owner, n);
    else perUser.delete(owner);
  }
}

/**
 * Starts a worker when none runs yet, without a task: loading the tasks' code takes a worker seconds (tsx, the import
 * modules), which the first upload after a start would otherwise wait for. The import page calls it when it opens,
 * so that the worker is ready by the time a file is chosen (a year of the province then checks and commits in about
 * 3 s instead of 8; bench/import.ts). It stays, as a worker does after its first task.
 */
export function prepareWorker(): void {
  if (slots.length === 0) spawn();
}

/** For tests: the number of live worker threads. */
export function workerCount(): number {
  return slots.length;
}
