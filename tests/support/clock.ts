import { vi } from "vitest";

/**
 * Runs the calling test file at a chosen instant: Date (and so lib/clock's now()) starts there and runs on, whatever
 * the machine's clock and time zone say. Call it at the top of the file, before anything reads the time.
 */
export function runAt(instant: string): Date {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`runAt: not an instant: ${instant}`);
  vi.useFakeTimers({ toFake: ["Date"], now: at, shouldAdvanceTime: true });
  return at;
}
