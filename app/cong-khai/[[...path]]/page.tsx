/**
 * The public view (issue 26): /cong-khai and its pages, readable without signing in, the same for every reader.
 * It reads only the published snapshot (lib/data/publication: publicState, publicSnapshot), chosen among the published
 * periods by `?period=` or `?from=&to=`; an unknown period, unit or indicator, or the view switched off, is a 404.
 * No cookie is read or set here, no session, no server action; the language is in the path (/cong-khai/en/…).
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import {
  Downloads,
  EmbedSnippet,
  Header,
  Headline,
  Index766NotPublic,
  Index766Province,
  Index766Ranking,
  Methodology,
  Panel,
  RankingChart,
  T,
  UnitTable,
  iName,
  periodQuery,
} from "@/components/public/public-views";
import { type PublicSnapshot, type PublicState, publicSnapshot, publicState } from "@/lib/data/public-reads";
import { getIndicator } from "@/lib/domain/indicators";
import { type PublicPeriod, PUBLIC_INDICATORS, isPublicIndicator, selectPublicPeriod } from "@/lib/domain/publication";
import { type PublicRoute, parsePublicRoute, publicHref } from "@/lib/domain/public-route";
import { coverageLine, freshnessLine } from "@/lib/domain/public-view";
import { appBaseURL } from "@/lib/auth/origins";

export const dynamic = "force-dynamic";

type Params = Promise<{ path?: string[] }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined): string | null | undefined =>
  Array.isArray(v) ? undefined : (v ?? null);

interface Resolved {
  route: PublicRoute;
  state: PublicState;
  period: PublicPeriod;
  snap: PublicSnapshot;
  indicatorCode: string;
  unitName: string | null;
}

/** Everything a public page shows, or null for a 404. */
async function resolve(params: Params, searchParams: Search): Promise<Resolved | null> {
  const route = parsePublicRoute((await params).path);
  if (!route) return null;
  const q = await searchParams;
  const period = one(q.period),
    from = one(q.from),
    to = one(q.to),
    indicator = one(q.indicator);
  // A repeated parameter is not a choice among published periods.
  if (period === undefined || from === undefined || to === undefined || indicator === undefined) return null;
  const state = await publicState();
  if (!state.enabled) return null;
  const chosen = selectPublicPeriod({ period, from, to }, state.periods);
  if (!chosen) return null;
  const snap = await publicSnapshot(chosen.key);
  if (!snap) return null;
  let indicatorCode = "proc_on_time_rate";
  if (route.section === "indicator") {
    if (!route.code || !isPublicIndicator(route.code)) return null;
    indicatorCode = route.code;
  } else if (indicator !== null) {
    if (!isPublicIndicator(indicator)) return null;
    indicatorCode = indicator;
  }
  // Snapshots stored before the Decision 766 part was added have none: nothing to show, not a figure computed live.
  if (route.section === "index766" && !snap.payload.index766) return null;
  let unitName: string | null = null;
  if (route.section === "commune") {
    const unit = snap.payload.units.find((u) => u.code === route.code);
    if (!unit) return null;
    unitName = unit.nameVi;
  }
  return { route, state, period: chosen, snap, indicatorCode, unitName };
}

function titleOf(r: Resolved): string {
  const t = T[r.route.locale];
  const base = "Lai Châu";
  switch (r.route.section) {
    case "overview":
      return `${t.overview} · ${base}`;
    case "communes":
      return `${t.communes} · ${base}`;
    case "commune":
      return `${r.unitName} · ${base}`;
    case "indicators":
      return `${t.indicators} · ${base}`;
    case "indicator":
      return `${iName(getIndicator(r.indicatorCode), r.route.locale)} · ${base}`;
    case "index766":
      return `${t.index766Title} · ${base}`;
    case "methodology":
      return `${t.methodology} · ${base}`;
  }
}

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}): Promise<Metadata> {
  const r = await resolve(params, searchParams);
  if (!r) return { title: { absolute: "404" }, robots: { index: false } };
  const title = titleOf(r);
  const description = `${freshnessLine(r.period, r.snap.publishedAt, r.route.locale)} · ${coverageLine(r.snap.payload, r.route.locale)}`;
  const url = `${appBaseURL()}${publicHref({ ...r.route, embed: false })}${periodQuery(r.period)}`;
  return {
    title: { absolute: title },
    description,
    alternates: { canonical: url },
    openGraph: {
      title,
      description,
      url,
      type: "website",
      locale: r.route.locale === "en" ? "en_GB" : "vi_VN",
      siteName: T[r.route.locale].site,
    },
    robots: r.route.embed ? { index: false } : undefined,
  };
}

export default async function PublicPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const r = await resolve(params, searchParams);
  if (!r) notFound();
  const { route, period, snap } = r;
  const { locale } = route;
  const t = T[locale];
  const path = publicHref(route);
  const payload = snap.payload;
  const panel = { period, publishedAt: snap.publishedAt, payload, locale };
  const indicator = getIndicator(r.indicatorCode);
  const embedSrc = (section: PublicRoute["section"], code: string | null, extra: Record<string, string> = {}) =>
    `${appBaseURL()}${publicHref({ locale, embed: true, section, code })}${periodQuery(period, extra)}`;
  const fullHref = `${publicHref({ ...route, embed: false })}${periodQuery(period, route.section === "overview" && r.indicatorCode !== "proc_on_time_rate" ? { indicator: r.indicatorCode } : {})}`;

  let body;
  switch (route.section) {
    case "overview": {
      const chartTitle = `${t.ranking}: ${iName(indicator, locale)}`;
      body = (
        <>
          <h1 className="text-2xl font-bold">{t.overview}</h1>
          {!route.embed && (
            <Panel title={t.province} id="p-headline" {...panel}>
              <Headline payload={payload} locale={locale} />
              <Downloads period={period} t={t} />
            </Panel>
          )}
          <Panel title={chartTitle} id="p-ranking" {...panel}>
            {!route.embed && (
              <form method="get" action={path} className="flex flex-wrap items-end gap-2 text-sm">
                <input type="hidden" name="period" value={period.key} />
                <label className="flex flex-col">
                  <span>{t.chooseIndicator}</span>
                  <select
                    name="indicator"
                    defaultValue={indicator.code}
                    className="rounded border border-slate-400 px-2 py-1"
                  >
                    {PUBLIC_INDICATORS.map((i) => (
                      <option key={i.code} value={i.code}>
                        {iName(i, locale)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="rounded border border-slate-500 px-3 py-1">
                  {t.show}
                </button>
              </form>
            )}
            <RankingChart payload={payload} indicator={indicator} locale={locale} t={t} title={t.ranking} />
            <Downloads period={period} t={t} />
            {!route.embed && (
              <EmbedSnippet src={embedSrc("overview", null, { indicator: indicator.code })} title={chartTitle} t={t} />
            )}
          </Panel>
        </>
      );
      break;
    }
    case "communes":
      body = (
        <>
          <h1 className="text-2xl font-bold">{t.communes}</h1>
          <Panel title={t.communes} id="p-communes" {...panel}>
            <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2" data-testid="unit-list">
              {payload.units.map((u) => (
                <li key={u.code}>
                  <a href={`${publicHref({ ...route, section: "commune", code: u.code })}${periodQuery(period)}`}>
                    {u.nameVi}
                  </a>
                  {!payload.reported.includes(u.code) && (
                    <span className="text-sm text-slate-700"> ({t.notReported})</span>
                  )}
                </li>
              ))}
            </ul>
            <Downloads period={period} t={t} />
          </Panel>
        </>
      );
      break;
    case "commune":
      body = (
        <>
          <h1 className="text-2xl font-bold">{r.unitName}</h1>
          <Panel title={`${r.unitName}: ${t.indicators.toLowerCase()}`} id="p-unit" {...panel}>
            {!payload.reported.includes(route.code!) && <p className="text-sm">{t.notReported}</p>}
            <UnitTable payload={payload} code={route.code!} locale={locale} t={t} />
            <Downloads period={period} t={t} />
            {!route.embed && <EmbedSnippet src={embedSrc("commune", route.code)} title={r.unitName ?? ""} t={t} />}
          </Panel>
        </>
      );
      break;
    case "indicators":
      body = (
        <>
          <h1 className="text-2xl font-bold">{t.indicators}</h1>
          <Panel title={t.indicators} id="p-indicators" {...panel}>
            <DataTable
              testId="indicator-table"
              rows={PUBLIC_INDICATORS}
              rowKey={(i) => i.code}
              columns={[
                {
                  key: "indicator",
                  header: t.indicator,
                  rowHeader: true,
                  cell: (i) => (
                    <a href={`${publicHref({ ...route, section: "indicator", code: i.code })}${periodQuery(period)}`}>
                      {iName(i, locale)}
                    </a>
                  ),
                },
                {
                  key: "province",
                  header: t.province,
                  numeric: true,
                  cell: (i) => formatCell(payload.province[i.code]?.value ?? null, i.unit, locale),
                },
              ]}
            />
            <Downloads period={period} t={t} />
          </Panel>
        </>
      );
      break;
    case "indicator": {
      const chartTitle = `${t.ranking}: ${iName(indicator, locale)}`;
      body = (
        <>
          <h1 className="text-2xl font-bold">{iName(indicator, locale)}</h1>
          {!route.embed && (
            <p className="text-sm">
              {locale === "en" ? indicator.descriptionEn : indicator.descriptionVi}{" "}
              <a
                href={`${publicHref({ ...route, section: "methodology", code: null })}${periodQuery(period)}#${indicator.code}`}
              >
                {t.methodology}
              </a>
            </p>
          )}
          <Panel title={chartTitle} id="p-indicator" {...panel}>
            <p className="text-lg">
              {t.province}:{" "}
              <strong>{formatCell(payload.province[indicator.code]?.value ?? null, indicator.unit, locale)}</strong>
            </p>
            <RankingChart payload={payload} indicator={indicator} locale={locale} t={t} title={t.ranking} />
            <Downloads period={period} t={t} />
            {!route.embed && <EmbedSnippet src={embedSrc("indicator", indicator.code)} title={chartTitle} t={t} />}
          </Panel>
        </>
      );
      break;
    }
    case "index766": {
      const index766 = payload.index766!;
      body = (
        <>
          <h1 className="text-2xl font-bold">{t.index766Title}</h1>
          <p className="text-sm">{t.index766Intro}</p>
          <Panel title={t.province} id="p-766-province" {...panel}>
            <Index766Province score={index766.province} locale={locale} t={t} />
          </Panel>
          <Panel title={t.ranking} id="p-766-ranking" {...panel}>
            <Index766Ranking
              payload={payload}
              locale={locale}
              t={t}
              href={(code) => `${publicHref({ ...route, section: "commune", code })}${periodQuery(period)}`}
            />
            <Downloads period={period} t={t} />
          </Panel>
          <Index766NotPublic t={t} />
        </>
      );
      break;
    }
    case "methodology":
      body = (
        <>
          <h1 className="text-2xl font-bold">{t.methodology}</h1>
          <p className="text-sm">{t.sourceText}.</p>
          <Methodology locale={locale} t={t} />
        </>
      );
      break;
  }

  if (route.embed) {
    return (
      <main id="main" className="mx-auto max-w-4xl space-y-3 p-3 [&_a]:underline">
        {body}
        <p className="text-sm">
          <a href={fullHref} target="_top">
            {t.fullSite}
          </a>
        </p>
      </main>
    );
  }
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t.skip}
      </a>
      <Header route={route} period={period} periods={r.state.periods} t={t} path={path} />
      <main id="main" className="mx-auto max-w-4xl space-y-4 px-3 py-4 [&_a]:underline">
        {body}
        <p className="text-sm text-slate-700" data-testid="cache-note">
          {t.cache}
        </p>
      </main>
    </>
  );
}

function formatCell(v: number | null, unit: string, locale: "vi" | "en"): string {
  return v === null
    ? "–"
    : new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", {
        maximumFractionDigits: unit === "%" ? 1 : 0,
      }).format(v) + (unit === "%" ? "%" : "");
}
