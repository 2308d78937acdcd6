import { getTranslations } from "next-intl/server";
import type { SeriesPoint } from "@/lib/data/series";
import { getIndicator } from "@/lib/domain/indicators";
import { formatPeriodVi } from "@/lib/domain/periods";
import type { Ui } from "@/i18n/server";
import { type DataColumn, DataTable } from "./data-table";
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
          <DataTable
            className="mt-1"
            density="small"
            caption={name}
            rows={points.map((p, i) => ({ ...p, partial: partial[i] }))}
            rowKey={(p) => p.label}
            columns={[
              { key: "month", header: t("month"), rowHeader: true, cell: (p) => p.label },
              {
                key: "value",
                header: t("value"),
                numeric: true,
                cell: (p) => (
                  <>
                    {p.value == null ? t("noValue") : p.text}
                    {p.partial && (
                      <span className="block text-amber-900" data-testid="table-partial">
                        {p.partial}
                      </span>
                    )}
                  </>
                ),
              },
            ]}
          />
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
      <DataTable
        className="mt-2"
        density="small"
        caption={t("showTableAll")}
        rows={periods}
        rowKey={(period) => period}
        columns={[
          {
            key: "month",
            header: t("month"),
            rowHeader: true,
            cell: (period) => (
              <>
                {formatPeriodVi(period)}
                {monthOf.get(period)?.partial && (
                  <span className="block text-amber-900" data-testid="table-partial">
                    {tc("partialMonth", monthOf.get(period)!.coverage)}
                  </span>
                )}
              </>
            ),
          },
          ...props.codes.map((c): DataColumn<string> => ({
            key: c,
            header: props.ui.name(getIndicator(c)),
            numeric: true,
            cell: (period) => {
              const v = byCode[c]!.get(period) ?? null;
              return v == null ? t("noValue") : props.ui.value(v, getIndicator(c).unit);
            },
          })),
        ]}
      />
    </details>
  );
}
