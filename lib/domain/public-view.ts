/**
 * Words and files of the public view (/cong-khai), in Vietnamese and English: what every panel says about its
 * freshness and coverage, the period names, and the downloads (CSV in vi-VN and standard form) built from a snapshot.
 * Pure: the pages and the download route pass a stored snapshot in.
 */
import { formatDateVi } from "./format";
import { SUPPORTED_COMPONENTS, componentLabel } from "./index766";
import { getIndicator } from "./indicators";
import { type Public766Score, type PublicPeriod, PUBLIC_INDICATORS, type SnapshotPayload } from "./publication";

export type PublicLocale = "vi" | "en";

/** How long a proxy or CDN may keep a public page: a publication shows there within this many seconds. */
export const PUBLIC_S_MAXAGE = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_S_MAXAGE}, stale-while-revalidate=300`;

const pad = (n: number) => String(n).padStart(2, "0");

export function periodName(p: PublicPeriod, locale: PublicLocale): string {
  const year = p.to.slice(0, 4);
  const month = `${p.to.slice(5)}/${year}`;
  if (locale === "en") {
    switch (p.kind) {
      case "month":
        return `month ${month}`;
      case "quarter":
        return `Q${p.key.slice(-1)} ${year}`;
      case "half":
        return `H${p.key.slice(-1)} ${year}`;
      case "year":
        return `year ${year}`;
    }
  }
  switch (p.kind) {
    case "month":
      return `tháng ${month}`;
    case "quarter":
      return `quý ${p.key.slice(-1)}/${year}`;
    case "half":
      return `6 tháng ${p.key.endsWith("1") ? "đầu" : "cuối"} năm ${year}`;
    case "year":
      return `năm ${year}`;
  }
}

function dateEn(d: Date): string {
  const v = formatDateVi(d); // dd/mm/yyyy in Vietnam's calendar
  return v;
}

/** "Số liệu tháng 10/2026, công bố ngày 14/11/2026". */
export function freshnessLine(p: PublicPeriod, publishedAt: Date, locale: PublicLocale): string {
  return locale === "en"
    ? `Figures for ${periodName(p, "en")}, published on ${dateEn(publishedAt)}`
    : `Số liệu ${periodName(p, "vi")}, công bố ngày ${formatDateVi(publishedAt)}`;
}

/** "36/38 xã, phường có số liệu". */
export function coverageLine(payload: Pick<SnapshotPayload, "reported" | "units">, locale: PublicLocale): string {
  return locale === "en"
    ? `${payload.reported.length}/${payload.units.length} communes and wards with data`
    : `${payload.reported.length}/${payload.units.length} xã, phường có số liệu`;
}

export function indicatorName(code: string, locale: PublicLocale): string {
  const i = getIndicator(code);
  return locale === "en" ? i.nameEn : i.nameVi;
}

export function formatPublicValue(value: number | null | undefined, unit: string, locale: PublicLocale): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return locale === "en" ? "no data" : "không có số liệu";
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", {
    maximumFractionDigits: unit === "%" ? 1 : 0,
    minimumFractionDigits: unit === "%" ? 1 : 0,
  });
  return unit === "%" ? `${nf.format(value)}%` : nf.format(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Downloads

export interface PublicRow {
  provinceCode: string;
  unitCode: string;
  unitName: string;
  period: string;
  indicatorCode: string;
  indicatorName: string;
  value: number | null;
  unit: string;
}

/** The Decision 766 rows of a file: each supported component's points, the total and what it is out of. */
export const INDEX_766_ROWS: readonly { code: string; name: string; of: (s: Public766Score) => number | null }[] = [
  ...SUPPORTED_COMPONENTS.map((c) => ({
    code: `qd766_${c.id}`,
    name: `Chỉ số QĐ 766: ${componentLabel(c)} (tối đa ${c.max} điểm)`,
    of: (s: Public766Score) => s.components.find((x) => x.id === c.id)?.points ?? null,
  })),
  {
    code: "qd766_total",
    name: "Chỉ số QĐ 766: tổng điểm các thành phần có số liệu",
    of: (s: Public766Score) => s.total,
  },
  {
    code: "qd766_total_max",
    name: "Chỉ số QĐ 766: điểm tối đa của các thành phần có số liệu",
    of: (s: Public766Score) => (s.total === null ? null : s.totalMax),
  },
];

/**
 * One row for the province and one per unit, for every public indicator, in the catalogue's order, then the
 * Decision 766 points (when the snapshot has them).
 */
export function snapshotRows(
  provinceCode: string,
  provinceName: string,
  p: PublicPeriod,
  payload: SnapshotPayload,
): PublicRow[] {
  const rows: PublicRow[] = [];
  for (const i of PUBLIC_INDICATORS) {
    rows.push({
      provinceCode,
      unitCode: provinceCode,
      unitName: provinceName,
      period: p.key,
      indicatorCode: i.code,
      indicatorName: i.nameVi,
      value: payload.province[i.code]?.value ?? null,
      unit: i.unit,
    });
    for (const u of payload.units) {
      rows.push({
        provinceCode,
        unitCode: u.code,
        unitName: u.nameVi,
        period: p.key,
        indicatorCode: i.code,
        indicatorName: i.nameVi,
        value: payload.communes[u.code]?.[i.code] ?? null,
        unit: i.unit,
      });
    }
  }
  const index766 = payload.index766;
  if (index766) {
    for (const r of INDEX_766_ROWS) {
      const row = (unitCode: string, unitName: string, score: Public766Score | undefined): PublicRow => ({
        provinceCode,
        unitCode,
        unitName,
        period: p.key,
        indicatorCode: r.code,
        indicatorName: r.name,
        value: score ? r.of(score) : null,
        unit: "điểm",
      });
      rows.push(row(provinceCode, provinceName, index766.province));
      for (const u of payload.units) rows.push(row(u.code, u.nameVi, index766.communes[u.code]));
    }
  }
  return rows;
}

export const PUBLIC_CSV_COLUMNS = {
  std: ["province_code", "unit_code", "unit_name", "period", "indicator_code", "indicator_name", "value", "unit"],
  vi: ["Mã tỉnh", "Mã đơn vị", "Tên đơn vị", "Kỳ", "Mã chỉ tiêu", "Tên chỉ tiêu", "Giá trị", "Đơn vị tính"],
} as const;

/** RFC 4180 quoting; text beginning with = + - @, tab or CR is neutralised against formula injection (SPEC §6). */
function csvText(text: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /["\r\n]/.test(safe) || safe.includes(separator) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The CSV of a snapshot: `std` is comma-separated with a dot decimal and code headers; `vi` is semicolon-separated
 * with a decimal comma and Vietnamese headers (Excel in a Vietnamese locale opens it as is). Both UTF-8 with a BOM,
 * CRLF line ends; numbers are never grouped or altered beyond the decimal sign, and "no value" is an empty cell.
 */
export function publicCsv(rows: readonly PublicRow[], variant: "std" | "vi"): string {
  const sep = variant === "vi" ? ";" : ",";
  const num = (v: number | null) =>
    v === null ? "" : variant === "vi" ? String(roundForFile(v)).replace(".", ",") : String(roundForFile(v));
  const lines = [PUBLIC_CSV_COLUMNS[variant].join(sep)];
  for (const r of rows) {
    lines.push(
      [r.provinceCode, r.unitCode, r.unitName, r.period, r.indicatorCode, r.indicatorName]
        .map((t) => csvText(t, sep))
        .concat(num(r.value), csvText(r.unit, sep))
        .join(sep),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Six decimals at most in files: a rate's float noise (98.80000000000001) never reaches a reader. */
export function roundForFile(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** File names at stable addresses: /cong-khai/tai-ve/<key>.csv, <key>.vi.csv, <key>.xlsx. */
export function parseDownloadName(name: string): { key: string; format: "csv" | "vi.csv" | "xlsx" } | null {
  const m = /^([0-9]{4}(?:-[0-9]{2}|-Q[1-4]|-H[12])?)\.(csv|vi\.csv|xlsx)$/.exec(name);
  return m ? { key: m[1]!, format: m[2] as "csv" | "vi.csv" | "xlsx" } : null;
}

export { pad as padTwo };
