/**
 * Word documents are built in a worker thread (lib/workers/pool.ts, task "document" in lib/workers/cpu-tasks.ts): a
 * document of 38 scorecards takes hundreds of milliseconds of CPU, which on the request thread every other user
 * would wait for (issue 29). Bounded like every CPU task: one per user at a time, a few threads in all.
 */
import type { Scorecard } from "@/lib/data/scorecards";
import type { Briefing, BriefingFigures } from "@/lib/domain/briefing";
import type { PeriodRange } from "@/lib/domain/periods";
import { runInWorker } from "@/lib/workers/pool";

export type DocumentJob =
  | { kind: "scorecards"; cards: Scorecard[]; ranked: number; range: PeriodRange }
  | { kind: "briefing"; briefing: Briefing; figures: BriefingFigures };

export async function documentInWorker(owner: string, job: DocumentJob): Promise<Buffer> {
  return runInWorker(owner, "document", async (worker) => {
    const answer = await worker.ask<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }>(job);
    if (!answer.ok) throw new Error(`document worker: ${answer.error}`);
    return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
  });
}
