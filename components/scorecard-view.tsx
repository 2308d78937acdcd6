import { getTranslations } from "next-intl/server";
import type { Scorecard } from "@/lib/data/scorecards";
import { SHORTAGE_LABELS_VI } from "@/lib/domain/briefing";
import { getIndicator } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";
import { DataTable } from "./data-table";
import { Sparkline } from "./sparkline";

const SHORTAGE_EN = {
  shortage_finance: "accounting–finance",
  shortage_construction: "construction",
  shortage_land: "land",
  shortage_it: "IT",
} as const;

/** One commune's printable scorecard: KPIs with rank among the province's communes, trends, missing specialists. */
export async function ScorecardView(props: { card: Scorecard; ranked: number; ui: Ui; rangeLabel: string }) {
  const t = await getTranslations("scorecard");
  const tf = await getTranslations("filters");
  const { card, ui } = props;
  const id = `scorecard-${card.commune.code}`;
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:border-0 print:p-0"
      data-testid={id}
    >
      <div>
        <h2 id={id} className="text-xl font-semibold">
          {card.commune.fullName}
        </h2>
        <p className="text-sm text-slate-700">
          {card.commune.code} · {card.commune.kind === "PHUONG" ? tf("phuong") : tf("xa")} ·{" "}
          {card.commune.formerDistricts.join("; ")} · {props.rangeLabel}
        </p>
      </div>
      <DataTable
        rows={card.kpis}
        rowKey={(k) => k.code}
        rowTestId={(k) => `${id}-${k.code}`}
        compactHeader
        columns={[
          { key: "indicator", header: t("indicator"), rowHeader: true, cell: (k) => ui.name(getIndicator(k.code)) },
          {
            key: "value",
            header: t("value"),
            numeric: true,
            cell: (k) => (k.value == null ? t("noReport") : ui.value(k.value, getIndicator(k.code).unit)),
          },
          {
            key: "rank",
            header: t("rank"),
            numeric: true,
            cell: (k) => (k.rank == null ? t("unranked") : t("rankOf", { rank: k.rank, n: props.ranked })),
          },
          { key: "trend", header: t("trend"), cell: (k) => <Sparkline values={k.trend.map((p) => p.value)} /> },
        ]}
      />
      <p className="text-xs text-slate-700">{t("rankNote", { n: props.ranked })}</p>
      <div>
        <h3 className="font-semibold">{t("missing")}</h3>
        {card.missing.length === 0 ? (
          <p className="text-sm">{t("noMissing")}</p>
        ) : (
          <ul className="list-disc pl-5 text-sm" data-testid={`${id}-missing`}>
            {card.missing.map((m) => (
              <li key={m.field}>
                {ui.locale === "en" ? SHORTAGE_EN[m.field] : SHORTAGE_LABELS_VI[m.field]}: {ui.integer(m.positions)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
