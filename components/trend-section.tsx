import { getTranslations } from "next-intl/server";
import type { SeriesPoint } from "@/lib/data/series";
import { getIndicator } from "@/lib/domain/indicators";
import { formatPeriodVi } from "@/lib/domain/periods";
import type { Ui } from "@/i18n/server";
import { LineChartFigure, lineChartData } from "./trend-chart";

/**
 * One trend card: title, chart (hidden from screen readers) and the same figures as a table, unless the page shows
 * them in one TrendTable for several cards (`table={false}`).
 */
export async function TrendCard(props: {
  code: string;
  points: SeriesPoint[];
  ui: Ui;
  testId?: string;
  table?: boolean;
}) {
  const t = await getTranslations("trends");
  const tc = await getTranslations("coverage");
  const ind = getIndicator(props.code);
  // A month not fully reported (and not locked) is provisional: hollow point, dashed segment, noted (issue 28).
  const partial = props.points.map((p) => (p.partial && p.value != null ? tc("partialMonth", p.coverage) : null));
  const points = props.points.map((p) => ({
    label: formatPeriodVi(p.period),
    value: p.value,
    text: props.ui.value(p.value, ind.unit),
  }));
  const hasData = points.some((p) => p.value != null);
  const name = props.ui.name(ind);
  const targetText =
    ind.target == null
      ? null
      : t("targetLine", {
          sign: ind.direction === "LOWER_IS_BETTER" ? "≤" : "≥",
          target: props.ui.value(ind.target, ind.unit),
        });
  const data = lineChartData({
    months: points.map((p) => p.label),
    series: [
      {
        key: "v",
        name,
        values: points.map((p) => p.value),
        texts: points.map((p) => (p.value == null ? t("noValue") : p.text)),
      },
    ],
    unit: ind.unit,
    locale: props.ui.locale,
    target: ind.target == null ? null : { value: ind.target, label: targetText! },
    label: name,
    partial,
  });
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid={props.testId}>
      <figcaption className="mb-1 text-sm font-medium">
        {props.ui.name(ind)} ({props.ui.unit(ind.unit)})
        {ind.target != null && (
          <span className="text-slate-700"> · {t("target", { target: props.ui.value(ind.target, ind.unit) })}</span>
        )}
      </figcaption>
      {hasData ? (
        <>
          <LineChartFigure data={data} testId="trend-chart" />
          {partial.some((n) => n != null) && (
            <p className="text-xs text-slate-700" data-testid="trend-partial-legend">
              {tc("partialLegend")}
            </p>
          )}
        </>
      ) : (
        <p className="py-6 text-sm text-slate-700">{t("noData")}</p>
      )}
      {props.table !== false && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-sky-800">{t("showTable")}</summary>
          <table className="mt-1 w-full text-xs">
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  {t("month")}
                </th>
                <th scope="col" className="text-right">
                  {t("value")}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.label}>
                  <td>{p.label}</td>
                  <td className="text-right tabular-nums">
                    {p.value == null ? t("noValue") : p.text}
                    {partial[i] && (
                      <span className="block text-amber-900" data-testid="table-partial">
                        {partial[i]}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

/** The figures of several trend cards in one table, a row per month: what the charts show, for screen readers too. */
export async function TrendTable(props: {
  codes: readonly string[];
  series: Record<string, SeriesPoint[]>;
  ui: Ui;
  testId?: string;
}) {
  const t = await getTranslations("trends");
  const tc = await getTranslations("coverage");
  const periods = props.series[props.codes[0]!]?.map((p) => p.period) ?? [];
  const monthOf = new Map((props.series[props.codes[0]!] ?? []).map((p) => [p.period, p]));
  const byCode = Object.fromEntries(
    props.codes.map((c) => [c, new Map((props.series[c] ?? []).map((p) => [p.period, p.value]))]),
  );
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={props.testId}>
      <summary className="cursor-pointer text-sky-800">{t("showTableAll")}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-xs">
          <thead>
            <tr>
              <th scope="col" className="px-1 text-left">
                {t("month")}
              </th>
              {props.codes.map((c) => (
                <th key={c} scope="col" className="px-1 text-right">
                  {props.ui.name(getIndicator(c))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period} className="border-t border-slate-100">
                <th scope="row" className="px-1 text-left font-normal">
                  {formatPeriodVi(period)}
                  {monthOf.get(period)?.partial && (
                    <span className="block text-amber-900" data-testid="table-partial">
                      {tc("partialMonth", monthOf.get(period)!.coverage)}
                    </span>
                  )}
                </th>
                {props.codes.map((c) => {
                  const v = byCode[c]!.get(period) ?? null;
                  return (
                    <td key={c} className="px-1 text-right tabular-nums">
                      {v == null ? t("noValue") : props.ui.value(v, getIndicator(c).unit)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
