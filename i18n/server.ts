/** What server components need to speak the user's language: locale, number formatting, catalogue names. */
import { getLocale, getTranslations } from "next-intl/server";
import { formatInteger, formatPercent, formatValue } from "@/lib/domain/format";
import type { Indicator } from "@/lib/domain/indicators";
import { type PeriodRange, formatPeriodVi } from "@/lib/domain/periods";
import { type Locale, resolveLocale } from "./locale";

export async function getUi() {
  const locale: Locale = resolveLocale(await getLocale());
  const tc = await getTranslations("common");
  const tu = await getTranslations("units");
  return {
    locale,
    value: (v: number | null | undefined, unit: string) => formatValue(v, unit, locale),
    integer: (v: number) => formatInteger(v, locale),
    percent: (v: number) => formatPercent(v, locale),
    name: (i: Indicator) => (locale === "en" ? i.nameEn : i.nameVi),
    description: (i: Indicator) => (locale === "en" ? i.descriptionEn : i.descriptionVi),
    unit: (unit: string) => (tu.has(unit) ? tu(unit) : unit),
    range: (r: PeriodRange) =>
      r.from === r.to
        ? tc("monthLabel", { month: formatPeriodVi(r.from) })
        : tc("rangeLabel", { from: formatPeriodVi(r.from), to: formatPeriodVi(r.to) }),
  };
}

export type Ui = Awaited<ReturnType<typeof getUi>>;
