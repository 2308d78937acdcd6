/**
 * What the CPU worker threads do (lib/workers/pool.ts): CPU-heavy work that must not run on the server's request
 * thread. Each task arrives with a MessagePort of its own and talks over it, step by step, then closes it.
 *
 * Import check: "parse" (the upload's bytes, or the file on disk it was streamed to → cells; answers only the commune-months to load from the database),
 * then "plan" (with what is stored → the plan's summary for the page, and the months to write for a commit). The
 * cells stay in this thread between the two steps: only small things cross.
 *
 * Word document: the figures in, the .docx bytes out (transferred, not copied).
 */
import { readFile } from "node:fs/promises";
import { type MessagePort, parentPort } from "node:worker_threads";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import { type ImportActor, type ImportState, monthsToLoad, planCells } from "@/lib/domain/import/plan";
import { ROW_LIMIT, summarisePlan } from "@/lib/domain/import/summary";
import type { NumberFormatChoice } from "@/lib/domain/import/number-format";
import type { ImportLimits } from "@/lib/domain/import/limits";
import { monthWrites, stagingRows } from "@/lib/domain/import/writes";
import { parseUpload } from "@/lib/import/parse-upload";
import { refusalWording } from "@/lib/domain/import/refusals";
import type { CellsResult } from "@/lib/domain/import/cells";
import type { DocumentJob } from "@/lib/documents/in-worker";

export type ImportStep =
  | ({ step: "parse"; catalogue: ImportCatalogue; numbers: NumberFormatChoice; limits: ImportLimits } & (
      { bytes: Uint8Array } | { path: string }
    ))
  | {
      step: "plan";
      state: ImportState;
      actor: ImportActor;
      /** For a commit: the communes' org_unit ids by code, to write the staging rows (lib/domain/import/writes.ts). */
      ids: Map<string, number> | null;
    };

function importSession(port: MessagePort): void {
  let read: Extract<CellsResult, { ok: true }> | null = null;
  port.on("message", async (m: ImportStep) => {
    try {
      if (m.step === "parse") {
        // A CSV or a workbook (read with exceljs's streaming reader).
        // The bytes themselves, or the private file an upload was streamed to (lib/web/upload-file.ts).
        const bytes = "path" in m ? await readFile(m.path) : m.bytes;
        const result = await parseUpload(bytes, m.catalogue, { numbers: m.numbers, limits: m.limits });
        if (!result.ok) {
          // The refusal's rule goes beside its message (lib/domain/import/refusals.ts keeps it in this thread).
          port.postMessage({ ok: false, message: result.message, wording: refusalWording(result) });
          port.close();
          return;
        }
        read = result;
        port.postMessage({
          ok: true,
          wanted: monthsToLoad(result.cells),
          rows: result.cells.length + result.errors.length,
        });
      } else {
        if (!read) throw new Error("plan before parse");
        const plan = planCells(read, m.state, m.actor, { rowLimit: ROW_LIMIT });
        read = null;
        const staging = m.ids ? stagingRows(plan.months, m.ids) : [];
        port.postMessage(
          {
            ok: true,
            summary: summarisePlan(plan, m.actor.markReceived),
            months: m.ids ? monthWrites(plan.months) : [],
            staging,
          },
          staging.map((s) => s.buffer as ArrayBuffer),
        );
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
