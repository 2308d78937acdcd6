/** Vietnamese number and date formatting (13.054; 98,8%; 28/11/2026). */
const integerVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const oneDecimalVi = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export type Locale = "vi" | "en";

export function formatInteger(value: number, locale: Locale = "vi"): string {
  return locale === "vi" ? integerVi.format(value) : new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(value: number, locale: Locale = "vi"): string {
  const f = locale === "vi" ? oneDecimalVi : new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${f.format(value)}%`;
}

/** Formats an indicator value by its unit: percentages with one decimal, everything else as integers. */
export function formatValue(value: number | null | undefined, unit: string, locale: Locale = "vi"): string {
  if (value == null) return "—";
  return unit === "%" ? formatPercent(value, locale) : formatInteger(value, locale);
}

export function formatDateVi(date: Date): string {
  return new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

export function formatDateTimeVi(date: Date): string {
  return new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
