import { getTranslations } from "next-intl/server";
import type { Scope } from "@/lib/data/aggregates";
import { monthlySeries } from "@/lib/data/series";
import { SERIES_COLOURS } from "@/lib/chart/line";
import { type CompareChoice, type CompareSeries, MAX_COMPARED } from "@/lib/domain/compare-query";
import type { Indicator } from "@/lib/domain/indicators";
import { formatPeriodVi } from "@/lib/domain/periods";
import { type SearchParams, first } from "@/lib/domain/range-query";
import type { Ui } from "@/i18n/server";
import { MonthRangeSelects, type OptionPairs, Options } from "./select-options";
import { type DataColumn, DataTable } from "./data-table";
import { LineChartFigure, lineChartData } from "./trend-chart";

const OWN_PARAMS = new Set(["series", "hide", "cfrom", "cto", "cind"]);

/**
 * Compare up to five communes, former districts or the province on one chart. The choice is a GET form, so it lives in
 * the URL (lib/domain/compare-query.ts) and works without JavaScript; a series can be hidden without losing its place
 * (and its colour). The figures are also in a table.
 */
export async function CompareSection(props: {
  indicator: Indicator;
  choice: CompareChoice;
  provinceCode: string;
  communes: { code: string; fullName: string }[];
  districts: string[];
  months: string[];
  params: SearchParams;
  path: string;
  ui: Ui;
  /** Indicators to choose from (the commune page); without it the page's indicator is fixed. */
  indicators?: Indicator[];
}) {
  const t = await getTranslations("compare");
  const { choice, ui, indicator } = props;
  const nameOf = (s: CompareSeries) =>
    s.kind === "province"
      ? t("province")
      : s.kind === "district"
        ? t("district", { name: s.name })
        : (props.communes.find((c) => c.code === s.code)?.fullName ?? s.code);
  const scopeOf = (s: CompareSeries): Scope =>
    s.kind === "province"
      ? { provinceCode: props.provinceCode }
      : s.kind === "district"
        ? { provinceCode: props.provinceCode, district: s.name }
        : { provinceCode: props.provinceCode, communeCodes: [s.code] };
  const results = await Promise.all(
    choice.series.map((s) => monthlySeries(scopeOf(s), choice.range, [indicator.code])),
  );
  const points = results.map((r) => r[indicator.code] ?? []);
  const months = points[0]?.map((p) => p.period) ?? [];
  const text = (v: number | null) => (v == null ? t("noValue") : ui.value(v, indicator.unit));
  const all = choice.series.map((s, i) => ({
    key: s.key,
    name: nameOf(s),
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
    values: points[i]!.map((p) => p.value),
    texts: points[i]!.map((p) => text(p.value)),
  }));
  const visible = all.filter((s) => !choice.hidden.has(s.key));
  const sign = indicator.direction === "LOWER_IS_BETTER" ? "≤" : "≥";
  const data = lineChartData({
    months: months.map(formatPeriodVi),
    series: visible,
    unit: indicator.unit,
    locale: ui.locale,
    target:
      indicator.target == null
        ? null
        : { value: indicator.target, label: t("target", { sign, target: ui.value(indicator.target, indicator.unit) }) },
    label: t("chartLabel", { indicator: ui.name(indicator) }),
  });
  // One list for the five slots: the payload carries it once (components/select-options.tsx).
  const seriesOptions: OptionPairs = [
    ["", t("none")],
    ["p", t("province")],
  ];
  const seriesGroups = [
    [t("districts"), props.districts.map((d) => [`d:${d}`, t("district", { name: d })] as const)],
    [t("communes"), props.communes.map((c) => [`c:${c.code}`, c.fullName] as const)],
  ] as const;
  const slots = Array.from({ length: MAX_COMPARED }, (_, i) => choice.series[i]?.key ?? "");
  return (
    <section
      aria-labelledby="compare-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="compare"
    >
      <h2 id="compare-heading" className="text-lg font-semibold">
        {t("title", { indicator: ui.name(indicator) })}
      </h2>
      <form method="get" action={props.path} className="space-y-2 text-sm print:hidden" aria-label={t("form")}>
        {Object.entries(props.params)
          .filter(([k]) => !OWN_PARAMS.has(k))
          .map(([k, v]) => {
            const value = first(v);
            return value === undefined ? null : <input key={k} type="hidden" name={k} value={value} />;
          })}
        {props.indicators && (
          <label className="flex flex-col">
            {t("indicator")}
            <select
              name="cind"
              defaultValue={indicator.code}
              className="mt-1 max-w-80 rounded border border-slate-400 bg-white px-2 py-1.5"
            >
              <Options options={props.indicators.map((i) => [i.code, ui.name(i)] as const)} />
            </select>
          </label>
        )}
        <fieldset>
          <legend className="font-medium">{t("seriesLegend", { n: MAX_COMPARED })}</legend>
          <div className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {slots.map((key, i) => (
              <div key={i} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 shrink-0 rounded-full"
                  style={{ background: SERIES_COLOURS[i] }}
                />
                <label className="sr-only" htmlFor={`compare-series-${i}`}>
                  {t("seriesN", { n: i + 1 })}
                </label>
                <select
                  id={`compare-series-${i}`}
                  name="series"
                  defaultValue={key}
                  className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-2 py-1.5"
                  data-testid={`compare-series-${i}`}
                >
                  <Options options={seriesOptions} groups={seriesGroups} />
                </select>
                {key && (
                  <label className="flex items-center gap-1 whitespace-nowrap">
                    <input
                      type="checkbox"
                      name="hide"
                      value={key}
                      defaultChecked={choice.hidden.has(key)}
                      data-testid={`compare-hide-${i}`}
                    />
                    {t("hide")}
                  </label>
                )}
              </div>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-end gap-2">
          <MonthRangeSelects
            labels={[t("from"), t("to")]}
            names={["cfrom", "cto"]}
            range={choice.range}
            months={props.months}
            testIds={["compare-from", "compare-to"]}
          />
          <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">
            {t("draw")}
          </button>
        </div>
      </form>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("legend")} data-testid="compare-legend">
        {all.map((s) => (
          <li key={s.key} className={choice.hidden.has(s.key) ? "text-slate-600 line-through" : ""}>
            <span
              aria-hidden="true"
              className="mr-1 inline-block h-3 w-3 rounded-full"
              style={{ background: s.colour }}
            />
            {s.name}
            {choice.hidden.has(s.key) && <span className="sr-only"> ({t("hidden")})</span>}
          </li>
        ))}
      </ul>
      {visible.length > 0 && months.length > 0 ? (
        <LineChartFigure data={data} testId="compare-chart" />
      ) : (
        <p>{t("nothing")}</p>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-sky-800">{t("table")}</summary>
        <DataTable
          testId="compare-table"
          className="mt-1"
          density="small"
          caption={t("table")}
          rows={months.map((month, index) => ({ month, index }))}
          rowKey={(r) => r.month}
          columns={[
            { key: "month", header: t("month"), rowHeader: true, cell: (r) => formatPeriodVi(r.month) },
            ...all.map((s): DataColumn<{ index: number }> => ({
              key: s.key,
              header: s.name,
              numeric: true,
              cell: (r) => s.texts[r.index],
            })),
          ]}
        />
      </details>
    </section>
  );
}
