/**
 * The monthly template (issue 23, item 4), described once: which columns it has, what each accepts, and how a yes/no
 * cell reads back. The workbook writer (lib/import/template-xlsx.ts) and the import (./cells.ts) both read this, so a
 * template filled in offline comes back through the same rules as the form (lib/domain/validation.ts).
 */
import { LONG_COLUMNS_VI } from "../export-options";
import { COMMUNE_RAW_INDICATORS, type RawCode, type RawIndicator } from "../indicators";
import { MAX_FIELD_VALUE } from "../validation";

/** Bumped when the layout changes: the hidden sheet of every template says which one it is. */
export const TEMPLATE_VERSION = "1";

/** The hidden sheet that names the template and its version (the import reads past hidden sheets). */
export const TEMPLATE_VERSION_SHEET = "Phiên bản mẫu";

/** The columns before the indicators: code and name locked, the month locked too. */
export const TEMPLATE_UNIT_HEADERS = [
  LONG_COLUMNS_VI.commune_code,
  LONG_COLUMNS_VI.commune_name,
  LONG_COLUMNS_VI.period,
] as const;

/** The words of a yes/no list, and the value each stands for (what the form stores: 1 yes, 0 no). */
export const YES_NO_WORDS = { Có: 1, Không: 0 } as const;

/** What a value column accepts, as a spreadsheet's data validation states it. */
export type TemplateRule =
  | { kind: "whole"; min: number; max: number }
  | { kind: "rate"; min: 0; max: 100 }
  | { kind: "yesNo"; words: readonly string[] };

export interface TemplateColumn {
  code: RawCode;
  /** The Vietnamese name with the unit, as the export writes it: the import recognises it. */
  header: string;
  rule: TemplateRule;
  /** The message a spreadsheet shows when a value breaks the rule. */
  error: string;
}

function ruleOf(indicator: RawIndicator): TemplateRule {
  if (indicator.temporalType === "FLAG") return { kind: "yesNo", words: Object.keys(YES_NO_WORDS) };
  if (indicator.unit === "%") return { kind: "rate", min: 0, max: 100 };
  return { kind: "whole", min: 0, max: MAX_FIELD_VALUE };
}

const ERROR: Record<TemplateRule["kind"], string> = {
  whole: "Nhập số nguyên không âm (0, 1, 2, …), hoặc để trống nếu chưa có số liệu.",
  rate: "Nhập tỷ lệ từ 0 đến 100, hoặc để trống nếu chưa có số liệu.",
  yesNo: "Chọn Có hoặc Không trong danh sách, hoặc để trống nếu chưa có số liệu.",
};

/** The raw indicators a commune enters, in the catalogue's order (the form's order). */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = COMMUNE_RAW_INDICATORS.map((indicator) => {
  const rule = ruleOf(indicator);
  return { code: indicator.code, header: `${indicator.nameVi} (${indicator.unit})`, rule, error: ERROR[rule.kind] };
});

/** A stored value as the template's cell shows it: a number, or Có / Không for a yes/no indicator. */
export function templateCellValue(column: TemplateColumn, value: number | undefined): number | string | null {
  if (value === undefined) return null;
  if (column.rule.kind !== "yesNo") return value;
  const word = Object.entries(YES_NO_WORDS).find(([, v]) => v === value)?.[0];
  return word ?? value;
}

/** A yes/no word written in a flag column ("Có", "không"), as its value; undefined for anything else. */
export function yesNoValue(text: string): number | undefined {
  const t = text.normalize("NFC").trim().toLowerCase();
  for (const [word, value] of Object.entries(YES_NO_WORDS)) if (word.toLowerCase() === t) return value;
  return undefined;
}

/** Where the template of a month is downloaded (app/import/template.xlsx/route.ts). */
export const templateHref = (period: string) => `/import/template.xlsx?period=${encodeURIComponent(period)}`;
