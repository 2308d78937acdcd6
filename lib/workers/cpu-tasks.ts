/**
 * What the CPU worker threads do (lib/workers/pool.ts): CPU-heavy work that must not run on the server's request
 * thread. Each task arrives with a MessagePort of its own and talks over it, step by step, then closes it.
 *
 * Import check: "parse" (the upload's bytes, or the file on disk it was streamed to → cells, kept compactly; answers
 * the commune-months to load from the database, by batch of communes), then "plan" once per batch (with what is stored
 * for that batch → the months and staging rows a commit writes), then "finish" (the plan's summary for the page).
 * The cells stay in this thread between the steps: only small things cross, one batch at a time.
 *
 * Word document: the figures in, the .docx bytes out (transferred, not copied).
 */
import { readFile } from "node:fs/promises";
import { type MessagePort, parentPort } from "node:worker_threads";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import type { ImportActor, ImportState } from "@/lib/domain/import/plan";
import { ROW_LIMIT } from "@/lib/domain/import/summary";
import { CellStore } from "@/lib/domain/import/cell-store";
import {
  PlanMerger,
  type StoredFile,
  batchCount,
  batchesToLoad,
  communeBatches,
  planBatch,
} from "@/lib/domain/import/plan-batches";
import type { NumberFormatChoice } from "@/lib/domain/import/number-format";
import type { ImportLimits } from "@/lib/domain/import/limits";
import { monthWrites, stagingRows } from "@/lib/domain/import/writes";
import { parseUpload } from "@/lib/import/parse-upload";
import { refusalWording } from "@/lib/domain/import/refusals";
import type { DocumentJob } from "@/lib/documents/in-worker";

export type ImportStep =
  | ({ step: "parse"; catalogue: ImportCatalogue; numbers: NumberFormatChoice; limits: ImportLimits } & (
      { bytes: Uint8Array } | { path: string }
    ))
  | {
      step: "plan";
      /** One of the batches the parse answered (-1: the file's own errors, planned first when there are batches). */
      batch: number;
      /** What is stored for the batch's commune-months (and the months before them). */
      state: ImportState;
      actor: ImportActor;
      /** For a commit: the communes' org_unit ids by code, to write the staging rows (lib/domain/import/writes.ts). */
      ids: Map<string, number> | null;
    }
  | { step: "finish"; markReceived: boolean };

/**
 * What the parse answers: the rows read, and per batch of communes (lib/domain/import/plan-batches.ts) the
 * commune-months to load; `errorsFirst`: plan batch -1 (the file's own errors) before the others.
 */
export type ParseAnswer =
  | { ok: false; message?: string; wording?: unknown; error?: string }
  | { ok: true; rows: number; batches: Map<string, Set<string>>[]; errorsFirst: boolean };

function importSession(port: MessagePort): void {
  let read: { file: StoredFile; batchOf: Int32Array; merger: PlanMerger } | null = null;
  port.on("message", async (m: ImportStep) => {
    try {
      if (m.step === "parse") {
        // A CSV or a workbook (read with exceljs's streaming reader).
        // The bytes themselves, or the private file an upload was streamed to (lib/web/upload-file.ts).
        const bytes = "path" in m ? await readFile(m.path) : m.bytes;
        // Each cell goes into the compact store as it is read (not one object per cell).
        const store = new CellStore();
        const result = await parseUpload(bytes, m.catalogue, {
          numbers: m.numbers,
          limits: m.limits,
          onCell: (cell) => store.push(cell),
        });
        if (!result.ok) {
          // The refusal's rule goes beside its message (lib/domain/import/refusals.ts keeps it in this thread).
          port.postMessage({ ok: false, message: result.message, wording: refusalWording(result) });
          port.close();
          return;
        }
        const file: StoredFile = { ...result, store };
        const batchOf = communeBatches(store);
        read = { file, batchOf, merger: new PlanMerger(file, ROW_LIMIT) };
        port.postMessage({
          ok: true,
          rows: store.length + result.errors.length,
          batches: batchesToLoad(store, batchOf),
          errorsFirst: batchCount(batchOf) > 1,
        } satisfies ParseAnswer);
      } else if (m.step === "plan") {
        if (!read) throw new Error("plan before parse");
        const plan = planBatch(read.file, read.batchOf, m.batch, m.state, m.actor, ROW_LIMIT);
        read.merger.add(plan);
        const staging = m.ids ? stagingRows(plan.months, m.ids) : [];
        port.postMessage(
          { ok: true, months: m.ids ? monthWrites(plan.months) : [], staging },
          staging.map((s) => s.buffer as ArrayBuffer),
        );
      } else {
        if (!read) throw new Error("finish before parse");
        const summary = read.merger.summary(m.markReceived);
        read = null;
        port.postMessage({ ok: true, summary });
        port.close();
      }
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
      port.close();
    }
  });
}

function documentSession(port: MessagePort): void {
  port.once("message", async (job: DocumentJob) => {
    try {
      // The document libraries are loaded by the first document, not by every worker (an import does not need them).
      const built =
        job.kind === "scorecards"
          ? await (await import("@/lib/documents/scorecards-docx")).scorecardsDocx(job.cards, job.ranked, job.range)
          : await (await import("@/lib/documents/briefing-docx")).briefingDocx(job.briefing, job.figures);
      const bytes = new Uint8Array(built); // a buffer of its own, to transfer
      port.postMessage({ ok: true, bytes }, [bytes.buffer]);
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      port.close();
    }
  });
}

const TASKS: Record<string, (port: MessagePort) => void> = { import: importSession, document: documentSession };

parentPort!.on("message", (m: { task: string; port: MessagePort }) => {
  const run = TASKS[m.task];
  if (run) run(m.port);
  else m.port.close();
});
