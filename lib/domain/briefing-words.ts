/** How the briefing writes dates, periods, counts and changes in Vietnamese ("hơn 2 triệu", "tăng 0,3 điểm phần trăm"). */
import { compareToPrevious } from "./change";
import { formatInteger, formatPercent } from "./format";
import { type PeriodRange, formatPeriodVi, parsePeriod } from "./periods";

/** "01/07/2025": the first day of a month. */
export function firstDayVi(period: string): string {
  const { year, month } = parsePeriod(period);
  return `01/${String(month).padStart(2, "0")}/${year}`;
}

/** "30/09/2025": the last day of a month. */
export function lastDayVi(period: string): string {
  const { year, month } = parsePeriod(period);
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

export function periodPhraseVi(range: PeriodRange): string {
  const label =
    range.from === range.to
      ? `tháng ${formatPeriodVi(range.from)}`
      : `${formatPeriodVi(range.from)} – ${formatPeriodVi(range.to)}`;
  return `${label} (từ ngày ${firstDayVi(range.from)} đến ngày ${lastDayVi(range.to)})`;
}

const upToOneDecimalVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

function decimalVi(value: number): string {
  return upToOneDecimalVi.format(value);
}

/**
 * A large count rounded the way a Vietnamese report writes it: "hơn 2 triệu", "gần 4 triệu", "khoảng 350 nghìn".
 * Millions: the nearest whole million from below ("hơn N") or above ("gần N"), whichever is closer (a tie goes up).
 * Thousands: two significant figures ("khoảng 350 nghìn", "khoảng 1,2 nghìn"). Below 1 000: the exact number.
 */
export function approximateVi(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new Error(`Not a count: ${value}`);
  if (value < 1000) return formatInteger(value);
  if (value >= 1_000_000 || roundSignificant(value, 2) >= 1_000_000) {
    const millions = value / 1_000_000;
    const lower = Math.floor(millions);
    const upper = Math.ceil(millions);
    if (lower === upper) return `${formatInteger(lower)} triệu`;
    return millions - lower >= 0.5 ? `gần ${formatInteger(upper)} triệu` : `hơn ${formatInteger(lower)} triệu`;
  }
  const rounded = roundSignificant(value, 2);
  const thousands = rounded / 1000;
  return `${rounded === value ? "" : "khoảng "}${decimalVi(thousands)} nghìn`;
}

function roundSignificant(value: number, digits: number): number {
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.round(value / magnitude) * magnitude;
}

/** "37/38 xã, phường (97,4%)", or "100% xã, phường" when every unit counts. */
export function shareOfUnitsVi(count: number, total: number): string {
  if (total > 0 && count === total) return "100% xã, phường";
  const pct = total > 0 ? formatPercent((count / total) * 100) : "—";
  return `${formatInteger(count)}/${formatInteger(total)} xã, phường (${pct})`;
}

/** A change in words: "tăng 0,3 điểm phần trăm", "giảm 12 người", "không đổi". */
export function changeVi(current: number, previous: number, unit: "%" | string): string {
  const change = compareToPrevious(current, previous, unit)!;
  if (change.direction === "same") return "không đổi";
  const size = change.points
    ? `${formatPercent(change.size).replace("%", "")} điểm phần trăm`
    : `${formatInteger(change.size)}${unit ? ` ${unit}` : ""}`;
  return `${change.direction === "up" ? "tăng" : "giảm"} ${size}`;
}

export function joinVi(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items.at(-1)}`;
}

function numberWordVi(n: number): string {
  return ["không", "một", "hai", "ba", "bốn", "năm"][n] ?? formatInteger(n);
}

export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

export interface Ranked {
  name: string;
  score: number;
  label: string;
}

/** The three strongest and three weakest (fewer when there are fewer than six units), or one sentence when all tie. */
export function strongestWeakest(items: Ranked[], topic: string, n = 3): string[] {
  if (items.length === 0) return [];
  const sorted = [...items].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "vi"));
  if (sorted[0]!.score === sorted.at(-1)!.score) {
    return [`Về ${topic}, cả ${formatInteger(sorted.length)} xã, phường có cùng kết quả (${sorted[0]!.label}).`];
  }
  const k = Math.min(n, Math.floor(sorted.length / 2));
  const top = sorted.slice(0, k);
  const bottom = sorted.slice(-k).reverse();
  const list = (xs: Ranked[]) => xs.map((x) => `${x.name} (${x.label})`).join("; ");
  const count = (m: number) => (m === 1 ? "Đơn vị" : `${capitalise(numberWordVi(m))} đơn vị`);
  return [`${count(k)} dẫn đầu về ${topic}: ${list(top)}.`, `${count(k)} thấp nhất: ${list(bottom)}.`];
}
