/**
 * The import's report (lib/data/import) in the viewer's language: the refusal of the whole file and each row's
 * messages that say a rule (lib/domain/import/refusals.ts) worded with the catalogue's `dataErrors.importFile` (an
 * encoding refusal with `dataErrors.utf8`), and a workbook cell's place as a sheet and a cell. A message of no rule
 * (a check of the month form, a number the file writes two ways) keeps its Vietnamese.
 */
import type { ImportReport } from "@/lib/data/import";
import type { FileWording } from "@/lib/domain/import/read-csv";
import { type ImportPlace, placeParts } from "@/lib/domain/import/refusals";
import type { Locale } from "./locale";
import { ruleText } from "./validation";
import { type Words, localeOfWords, wordsIn } from "./words";

const ENCODING_RULES: ReadonlySet<string> = new Set(["utf16", "notUtf8", "mojibake"]);

/** A line of a CSV, or a sheet and cell of a workbook, said with the catalogue. */
const placeText = (words: Words, place: ImportPlace) =>
  "line" in place ? words("dataErrors.importFile.line", place) : words("dataErrors.importFile.place", place);

/** A refusal of the file or of a cell, said with the catalogue (`words`: wordsIn(locale)). */
export function importRefusalText(words: Words, wording: FileWording): string {
  const area = ENCODING_RULES.has(wording.rule) ? "utf8" : "importFile";
  const values = { ...wording.values };
  if ("places" in wording)
    for (const [k, place] of Object.entries(wording.places ?? {})) values[k] = placeText(words, place);
  if ("parts" in wording)
    for (const [k, part] of Object.entries(wording.parts ?? {}))
      values[k] = part.items.map((item) => importRefusalText(words, item)).join(part.sep);
  if ("check" in wording && wording.check) {
    const t = (rule: string, v: Record<string, string | number>) => words(`validation.${rule}`, v);
    values.check = ruleText(t, wording.check, localeOfWords(words));
  }
  const text = words(`dataErrors.${area}.${wording.rule}`, values);
  const sheet = "sheet" in wording ? wording.sheet : undefined;
  return sheet === undefined ? text : words("dataErrors.importFile.onSheet", { sheet, refusal: text });
}

/** "Trang “Số liệu”, ô G12" in the viewer's language; anything else (a CSV has no place) as it is. */
export function importPlaceText(words: Words, place: string | undefined): string | undefined {
  const parts = place === undefined ? undefined : placeParts(place);
  return parts ? placeText(words, parts) : place;
}

/** The report as the import page shows it to a viewer reading `locale` (Vietnamese: as it is). */
export function importReportIn(report: ImportReport, locale: Locale): ImportReport {
  if (locale === "vi") return report;
  const words = wordsIn(locale);
  return {
    ...report,
    fileError: report.fileErrorWording ? importRefusalText(words, report.fileErrorWording) : report.fileError,
    // (A report of a refused file may carry no notes or warnings.)
    notes: report.notes?.map((note, i) => {
      const wording = report.noteWordings?.[i];
      return wording ? importRefusalText(words, wording) : note;
    }),
    warnings: report.warnings?.map((w) => (w.wording ? { ...w, message: importRefusalText(words, w.wording) } : w)),
    rows: report.rows.map((row) => ({
      ...row,
      place: importPlaceText(words, row.place),
      messages: row.messages.map((message, i) => {
        const wording = row.wordings[i];
        return wording ? importRefusalText(words, wording) : message;
      }),
    })),
  };
}
