import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CommuneMap } from "@/components/commune-map";
import { type DataColumn, DataTable } from "@/components/data-table";
import { PeriodForm } from "@/components/period-form";
import { PrintBar } from "@/components/print-bar";
import { ActionForm } from "@/components/action-form";
import { index766Scores } from "@/lib/data/index766";
import { readIndex766Entries } from "@/lib/data/index766-entries";
import { canEnterIndex766 } from "@/lib/domain/permissions";
import { formatPeriodVi } from "@/lib/domain/periods";
import { saveIndex766Action } from "./actions";
import type { ComputedIndicator } from "@/lib/domain/indicators";
import {
  DECISION_766,
  ENTERED_COMPONENTS,
  type Index766Score,
  PORTAL_COMPONENTS,
  SUPPORTED_COMPONENTS,
  componentMessageKey,
  SUPPORTED_MAX,
  TOTAL_MAX,
  portalTotal,
  rankByTotal,
} from "@/lib/domain/index766";
import type { SearchParams } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, pageContext } from "@/lib/web/page-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("index766"))("title") };
}

export default async function Index766Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const t = await getTranslations("index766");
  const te = await getTranslations("errors");
  const words = componentWords(await getTranslations("index766Components"));
  const ui = await getUi();
  const [{ province, communes }, entered] = await Promise.all([
    index766Scores(PROVINCE, ctx.range),
    readIndex766Entries(PROVINCE, ctx.range.to),
  ]);
  const portal = portalTotal(province, entered);
  const computedPoints = new Map(province.components.map((c) => [c.id as string, c.points]));
  const month = formatPeriodVi(ctx.range.to);
  const editable = canEnterIndex766(ctx.viewer);
  const oneDecimal = new Intl.NumberFormat(ui.locale === "en" ? "en-GB" : "vi-VN", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const points = (v: number | null) => (v == null ? t("noData") : oneDecimal.format(v));
  const rate = (v: number | null) => (v == null ? t("noData") : ui.percent(v * 100));
  const ranked = rankByTotal(communes.map((c) => ({ ...c, name: c.commune.fullName, total: c.score.total })));
  // The map reuses the dashboards' choropleth, which colours an indicator: the total as a pseudo-indicator.
  const mapIndicator: ComputedIndicator = {
    kind: "COMPUTED",
    code: "index766_total",
    category: "procedures",
    nameVi: t("indicatorName"),
    nameEn: t("indicatorName"),
    unit: "điểm",
    formula: { type: "ratio", numerator: [], denominator: [], factor: 1 },
    descriptionVi: "",
    descriptionEn: "",
    direction: "HIGHER_IS_BETTER",
  };
  const rangeLabel = ui.range(ctx.range);
  return (
    <div className="space-y-8 print-sections">
      <PrintBar title={t("title")} period={rangeLabel} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="max-w-2xl text-slate-700">{t("subtitle", { decision: DECISION_766 })}</p>
          <p className="text-slate-700" data-testid="period-label">
            {rangeLabel}
          </p>
        </div>
        <PeriodForm now={ctx.now} months={ctx.months} range={ctx.range} path="/index-766" params={ctx.params} />
      </div>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <section aria-labelledby="province-766" className="space-y-2" data-testid="index766-province">
        <h2 id="province-766" className="text-lg font-semibold">
          {t("province")}:{" "}
          {province.total == null
            ? t("noData")
            : t("outOf", { points: points(province.total), max: province.totalMax })}
        </h2>
        <ComponentTable score={province} points={points} rate={rate} t={t} words={words} />
      </section>
      <section aria-labelledby="ranking-766" className="space-y-2">
        <h2 id="ranking-766" className="text-lg font-semibold">
          {t("ranking")}
        </h2>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <DataTable
            testId="index766-ranking"
            compactHeader
            rows={ranked}
            rowKey={(r) => r.commune.code}
            rowTestId={(r) => `index766-row-${r.commune.code}`}
            columns={[
              { key: "rank", header: t("rank"), numeric: true, cell: (r) => r.rank ?? "—" },
              {
                key: "unit",
                header: t("unit"),
                rowHeader: true,
                cell: (r) => <a href={`/communes/${r.commune.code}`}>{r.commune.fullName}</a>,
              },
              ...SUPPORTED_COMPONENTS.map((c, i): DataColumn<(typeof ranked)[number]> => ({
                key: c.id,
                header: `${c.id} (${c.max})`,
                title: words.name(c),
                numeric: true,
                cellTestId: `points-${c.id}`,
                cell: (r) => points(r.score.components[i]!.points),
              })),
              {
                key: "total",
                header: `${t("total")} (${SUPPORTED_MAX})`,
                numeric: true,
                cellTestId: "points-total",
                cellClassName: () => "font-semibold",
                cell: (r) => points(r.score.total),
              },
            ]}
          />
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <h3 className="mb-2 text-sm font-medium">{t("map")}</h3>
            <CommuneMap
              indicator={mapIndicator}
              values={new Map(communes.map((c) => [c.commune.code, c.score.total]))}
              ui={ui}
              rangeLabel={rangeLabel}
            />
          </div>
        </div>
      </section>
      <section aria-labelledby="portal-766" className="space-y-2" data-testid="index766-portal">
        <h2 id="portal-766" className="text-lg font-semibold">
          {t("portalScale")}
        </h2>
        <p className="max-w-3xl text-sm">
          {t("portalIntro")} {t("enteredMonth", { month })}
        </p>
        <p className="font-semibold" data-testid="index766-portal-total">
          {portal.total != null
            ? t("portalTotal", { points: points(portal.total) })
            : t("portalIncomplete", {
                n: portal.missing.length,
                names: portal.missingKeys
                  .map((key) => words.label(PORTAL_COMPONENTS.find((c) => c.key === key) ?? { key, id: key }))
                  .join("; "),
              })}
        </p>
        <DataTable
          compactHeader
          rows={PORTAL_COMPONENTS}
          rowKey={(c) => c.key}
          rowTestId={(c) => `portal-${c.key}`}
          columns={[
            {
              key: "component",
              header: t("component"),
              rowHeader: true,
              cell: (c) => `${words.group(c)} · ${words.label(c)}`,
            },
            { key: "weight", header: t("weight"), numeric: true, cell: (c) => c.max },
            {
              key: "points",
              header: t("points"),
              numeric: true,
              cell: (c) => {
                const value =
                  c.source === "computed" ? (computedPoints.get(c.key) ?? null) : (entered.get(c.key) ?? null);
                return value == null ? (c.source === "entered" ? t("notEntered") : t("noData")) : points(value);
              },
            },
            {
              key: "source",
              header: t("sourceCol"),
              cell: (c) => (c.source === "computed" ? t("computedSource") : t("enteredSource")),
            },
          ]}
        />
        {editable && (
          <ActionForm
            action={saveIndex766Action}
            className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 print:hidden"
            testId="index766-entry-form"
          >
            <h3 className="font-semibold">{t("enterTitle", { month })}</h3>
            <p className="text-sm">{t("enterIntro")}</p>
            <input type="hidden" name="period" value={ctx.range.to} />
            <div className="grid gap-2 sm:grid-cols-2">
              {ENTERED_COMPONENTS.map((c) => (
                <label key={c.key} className="flex items-center justify-between gap-2 text-sm">
                  <span>
                    {words.label(c)} (0–{c.max})
                  </span>
                  <input
                    name={c.key}
                    inputMode="decimal"
                    defaultValue={entered.has(c.key) ? points(entered.get(c.key)!) : ""}
                    className="w-20 rounded border border-slate-400 px-2 py-1 text-right"
                  />
                </label>
              ))}
            </div>
            <button type="submit" className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
              {t("save")}
            </button>
          </ActionForm>
        )}
      </section>
      <section aria-labelledby="definitions-766" className="space-y-2">
        <h2 id="definitions-766" className="text-lg font-semibold">
          {t("definitions")}
        </h2>
        <p className="text-sm" data-testid="index766-source">
          {t("source", { decision: DECISION_766 })}
        </p>
        <dl className="space-y-2 text-sm">
          {SUPPORTED_COMPONENTS.map((c) => (
            <div key={c.id}>
              <dt className="font-semibold">
                {c.id} {words.name(c)} — {words.group(c)}, {t("weightOf", { max: c.max, total: TOTAL_MAX })}
              </dt>
              <dd>
                {t("rule")}: {words.part(c, "rule")}. {t("basis")}: {words.part(c, "basis")}.
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

function ComponentTable(props: {
  score: Index766Score;
  points: (v: number | null) => string;
  rate: (v: number | null) => string;
  t: Awaited<ReturnType<typeof getTranslations<"index766">>>;
  words: ReturnType<typeof componentWords>;
}) {
  const { t, words } = props;
  return (
    <DataTable
      compactHeader
      rows={props.score.components}
      rowKey={(c) => c.id}
      rowTestId={(c) => `province-${c.id}`}
      columns={[
        {
          key: "component",
          header: t("component"),
          rowHeader: true,
          cell: (c) => `${c.id} ${words.name(c)}${c.estimated ? ` (${t("estimated")})` : ""}`,
        },
        { key: "rate", header: t("rate"), numeric: true, cell: (c) => props.rate(c.rate) },
        { key: "points", header: t("points"), numeric: true, cell: (c) => props.points(c.points) },
        { key: "max", header: t("max"), numeric: true, cell: (c) => c.max },
        { key: "rule", header: t("rule"), cell: (c) => words.part(c, "rule") },
      ]}
    />
  );
}

/** A component's name, group, rule and basis in the viewer's language (the catalogue's `index766Components`). */
function componentWords(tc: (key: never) => string) {
  type Named = { key?: string; id: string };
  const part = (c: Named, p: "name" | "group" | "rule" | "basis") =>
    tc(`${componentMessageKey(c.key ?? c.id)}.${p}` as never);
  const name = (c: Named) => part(c, "name");
  return {
    part,
    name,
    group: (c: Named) => part(c, "group"),
    label: (c: Named) => (c.id !== "-" ? `${c.id} ${name(c)}` : name(c)),
  };
}
