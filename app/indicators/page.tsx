import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type Indicator, INDICATORS, inputsOf } from "@/lib/domain/indicators";
import { getUi } from "@/i18n/server";
import { formulaInWords } from "@/lib/domain/indicator-words";
import { requireViewer } from "@/lib/auth/viewer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

export default async function IndicatorsPage() {
  await requireViewer();
  const t = await getTranslations("indicators");
  const ui = await getUi();
  // Formulas in words, never in codes: the Vietnamese catalogue's wording, or the English description.
  const formula = (i: Indicator): string => {
    if (i.kind === "RAW") return t("rawFormula");
    return ui.locale === "vi" ? formulaInWords(i) : i.descriptionEn.replace(/\.$/, "");
  };
  const aggregation = (i: Indicator): string => {
    if (i.kind === "RAW") return t(`temporal.${i.temporalType}`);
    if (i.formula.type === "ratio" && i.formula.denominator.length) return t("aggregation.ratio");
    if (i.formula.type === "ratio") return t("aggregation.sum", { inputs: inputsOf(i).length });
    return t(`aggregation.${i.formula.type}`);
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="indicator-catalogue">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("columns.name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.definition")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.unit")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.formula")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.aggregation")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.target")}
              </th>
            </tr>
          </thead>
          <tbody>
            {INDICATORS.map((i) => (
              <tr key={i.code} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <a href={`/indicators/${i.code}`}>{ui.name(i)}</a>
                  <div className="font-mono text-xs text-slate-700">{i.code}</div>
                </td>
                <td className="px-3 py-2">{ui.description(i)}</td>
                <td className="px-3 py-2">{ui.unit(i.unit)}</td>
                <td className="px-3 py-2 font-mono text-xs">{formula(i)}</td>
                <td className="px-3 py-2">{aggregation(i)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {i.target == null || i.direction == null
                    ? "—"
                    : `${i.direction === "HIGHER_IS_BETTER" ? "≥" : "≤"} ${ui.value(i.target, i.unit)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
