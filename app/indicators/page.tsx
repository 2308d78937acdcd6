import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type Indicator, INDICATORS, inputsOf } from "@/lib/domain/indicators";
import { DataTable } from "@/components/data-table";
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
      <DataTable
        testId="indicator-catalogue"
        caption={t("title")}
        density="roomy"
        rows={INDICATORS}
        rowKey={(i) => i.code}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (i) => (
              <>
                <a href={`/indicators/${i.code}`}>{ui.name(i)}</a>
                <div className="font-mono text-xs text-slate-700">{i.code}</div>
              </>
            ),
          },
          { key: "definition", header: t("columns.definition"), cell: (i) => ui.description(i) },
          { key: "unit", header: t("columns.unit"), cell: (i) => ui.unit(i.unit) },
          {
            key: "formula",
            header: t("columns.formula"),
            cell: formula,
            cellClassName: () => "font-mono text-xs",
          },
          { key: "aggregation", header: t("columns.aggregation"), cell: aggregation },
          {
            key: "target",
            header: t("columns.target"),
            cellClassName: () => "whitespace-nowrap",
            cell: (i) =>
              i.target == null || i.direction == null
                ? "—"
                : `${i.direction === "HIGHER_IS_BETTER" ? "≥" : "≤"} ${ui.value(i.target, i.unit)}`,
          },
        ]}
      />
    </div>
  );
}
