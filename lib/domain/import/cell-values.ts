/**
 * The values of one record, each read or refused with a rule (./refusals.ts; ./cells.ts puts them together): the
 * indicator of a column or row, a yes/no word, a number in the file's convention, a month ("2025-09" or "09/2025"), a
 * commune code (one that a spreadsheet stripped of its leading zero is read as the five-digit code) and its province.
 * The value itself (integer, ≥ 0, flag 0/1) is checked by lib/domain/validation, the same rules as the form.
 */
import { findIndicator, isRawCode, rawIndicator } from "../indicators";
import { REFORM_START, formatPeriodVi, isPeriod } from "../periods";
import type { Locale } from "../format";
import { readCount } from "../numbers";
import type { SourceCell } from "./table";
import { yesNoValue } from "./template";
import { type ImportWording, importMessageVi, importWording } from "./refusals";

export interface ImportCatalogue {
  /** Communes by official code, with their province's code. */
  communes: ReadonlyMap<string, { provinceCode: string }>;
  /** The latest month that may be reported (lib/data/reports latestOpenPeriod). */
  latestPeriod: string;
}

/** Why an indicator code cannot be imported, or null when it is a raw indicator a commune enters. */
export function indicatorProblem(code: string): ImportWording | null {
  const ind = findIndicator(code);
  if (!ind) return importWording("indicatorUnknown", { code });
  if (ind.kind === "COMPUTED") return importWording("indicatorComputed", { code });
  if (!isRawCode(code) || rawIndicator(code).entryLevel !== "COMMUNE")
    return importWording("indicatorProvince", { code });
  return null;
}

export const isComputed = (code: string) => findIndicator(code)?.kind === "COMPUTED";

/** "Có" / "Không" in a yes/no column (the monthly template's list, ./template.ts): 1 / 0; undefined otherwise. */
export function flagWord(code: string, value: SourceCell): number | undefined {
  if (typeof value !== "string" || !isRawCode(code) || rawIndicator(code).temporalType !== "FLAG") return undefined;
  return yesNoValue(value);
}

/** A cell's value: a yes/no word of a flag column, else a number read as parseImportNumber reads it. */
export const cellValue = (code: string, value: SourceCell, locale: Locale): { value: number } | NumberRefusal => {
  const word = flagWord(code, value);
  return word === undefined ? parseImportNumber(value, locale) : { value: word };
};

/** Why a value is not a number: in Vietnamese, and as a rule (an ambiguous reading is worded by lib/domain/numbers). */
export type NumberRefusal = { message: string; wording?: ImportWording };

const refused = (wording: ImportWording): NumberRefusal => ({ message: importMessageVi(wording), wording });

/**
 * A value of the file, read in the file's number convention (lib/domain/numbers: one reader for form and import),
 * or the reason it is not one. A workbook's number cell is taken as it is.
 */
export function parseImportNumber(text: SourceCell, locale: Locale = "vi"): { value: number } | NumberRefusal {
  if (typeof text === "number")
    return Number.isFinite(text) ? { value: text } : refused(importWording("notANumber", { value: String(text) }));
  const t = text.trim();
  if (t === "") return refused(importWording("emptyValue"));
  const r = readCount(t, locale);
  if (r.ok) return { value: r.value! };
  return r.reason === "ambiguous"
    ? { message: `Giá trị ${r.message}` }
    : refused(importWording("notANumber", { value: t }));
}

/** A month as the export writes it ("2025-09"), as its workbook shows it ("09/2025", "9/2025"), or the text as is. */
export function readPeriod(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  return m ? `${m[2]}-${m[1]!.padStart(2, "0")}` : t;
}

export function periodProblem(period: string, latest: string): ImportWording | null {
  if (!isPeriod(period)) return importWording("periodFormat", { period });
  if (period < REFORM_START)
    return importWording("periodBeforeStart", { month: formatPeriodVi(period), start: formatPeriodVi(REFORM_START) });
  if (period > latest) return importWording("periodNotYet", { month: formatPeriodVi(period) });
  return null;
}

/** A commune code as the catalogue has it: "3388" that a spreadsheet took for a number is "03388" when that exists. */
export function communeCodeOf(written: string, catalogue: ImportCatalogue): { code: string; padded: boolean } {
  if (/^\d{1,4}$/.test(written) && !catalogue.communes.has(written)) {
    const padded = written.padStart(5, "0");
    if (catalogue.communes.has(padded)) return { code: padded, padded: true };
  }
  return { code: written, padded: false };
}

export function communeProblem(
  code: string,
  provinceCode: string | undefined,
  catalogue: ImportCatalogue,
): ImportWording | null {
  if (code === "") return importWording("communeMissing");
  const commune = catalogue.communes.get(code);
  if (!commune) return importWording("communeUnknown", { code });
  if (provinceCode !== undefined && provinceCode !== "" && provinceCode !== commune.provinceCode) {
    return importWording("provinceMismatch", { province: provinceCode, code, communeProvince: commune.provinceCode });
  }
  return null;
}

export const text = (c: SourceCell | undefined) =>
  c === undefined ? "" : typeof c === "number" ? String(c) : c.trim();
