/**
 * The progress of each user's running import (lib/domain/import/progress.ts), kept in this server process while it
 * runs: an import is one user's at a time (lib/web/import-upload.ts), so the user is the key. GET /import/progress
 * answers it to the import page, which polls while its request runs. On globalThis, so that the upload's route and
 * the progress route share one map whatever bundles the server loads them from.
 */
import type { ImportProgress } from "@/lib/domain/import/progress";

const KEY = Symbol.for("tracker.importProgress");
const running: Map<string, ImportProgress> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<
  string,
  ImportProgress
>;

/** A callback for lib/data/import's dryRun and commit that notes the user's progress. */
export function progressNoter(userId: string): (progress: ImportProgress) => void {
  return (progress) => running.set(userId, progress);
}

export function importProgress(userId: string): ImportProgress | null {
  return running.get(userId) ?? null;
}

export function endImportProgress(userId: string): void {
  running.delete(userId);
}
