/**
 * The public view's pieces (/cong-khai): plain server-rendered HTML and SVG, no client JavaScript of their own, the same
 * for every reader. Every panel says what it shows and as of when (freshness and coverage), every chart has its table.
 */
import type { ReactNode } from "react";
import { type DataColumn, DataTable } from "@/components/data-table";
import { formatDateVi } from "@/lib/domain/format";
import { formulaInWords, sourceInWords } from "@/lib/domain/indicator-words";
import { ENTERED_COMPONENTS, SUPPORTED_COMPONENTS, componentLabel, rankByTotal } from "@/lib/domain/index766";
import { type Indicator, getIndicator } from "@/lib/domain/indicators";
import { type Public766Score, type PublicPeriod, PUBLIC_INDICATORS, type SnapshotPayload } from "@/lib/domain/publication";
import { PUBLIC_BASE, type PublicRoute, publicHref } from "@/lib/domain/public-route";
import {
  PUBLIC_S_MAXAGE, type PublicLocale, coverageLine, formatPublicValue, freshnessLine, periodName,
} from "@/lib/domain/public-view";

export const HEADLINE = ["one_stop_coverage", "staff_quota", "staff_cbcc", "quota_fill_rate", "proc_on_time_rate", "proc_online_rate",
  "pages_digitised_cumulative", "shortage_total", "feedback_resolution_rate", "reporting_rate"] as const;

export const T = {
  vi: {
    site: "Lai Châu · Số liệu công khai", overview: "Tổng quan", communes: "Xã, phường", indicators: "Chỉ tiêu", methodology: "Phương pháp",
    other: "English", otherLocale: "en", period: "Kỳ số liệu", show: "Xem", province: "Toàn tỉnh", unit: "Đơn vị", value: "Giá trị",
    table: "Bảng số liệu của biểu đồ", download: "Tải về", csvStd: "CSV (chuẩn)", csvVi: "CSV (Excel tiếng Việt)", xlsx: "Excel (.xlsx)",
    embed: "Nhúng biểu đồ này vào trang khác", embedHint: "Chép đoạn mã dưới đây vào trang của bạn:",
    cache: `Số liệu chỉ gồm các tháng tỉnh đã công bố, sau khi mọi báo cáo nhận được đã duyệt. Một lần công bố hoặc rút công bố hiện ở máy chủ ngay, qua bộ nhớ đệm trung gian chậm nhất ${PUBLIC_S_MAXAGE} giây.`,
    ranking: "Xếp hạng xã, phường", target: "Mục tiêu", definition: "Định nghĩa", formula: "Công thức", source: "Nguồn", unitOf: "Đơn vị tính",
    noTarget: "không có", indicator: "Chỉ tiêu", chooseIndicator: "Chỉ tiêu của biểu đồ", kind: { XA: "Xã", PHUONG: "Phường" },
    sourceText: "Báo cáo tháng của xã, phường, đã được tỉnh duyệt và công bố", fullSite: "Xem trang đầy đủ",
    notReported: "chưa có báo cáo được duyệt trong kỳ", main: "Nội dung chính", skip: "Bỏ qua điều hướng",
    index766: "Chỉ số 766",
    index766Title: "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)",
    index766Intro: "Điểm các thành phần của Bộ chỉ số theo Quyết định 766/QĐ-TTg ngày 23/6/2022 mà báo cáo tháng của xã, phường tính được, chấm theo quy tắc của Quyết định, từ số liệu đã công bố. Tổng điểm chỉ cộng các thành phần có số liệu, trên tổng điểm tối đa của chúng.",
    index766Missing: "Các thành phần cần số liệu của Cổng Dịch vụ công quốc gia không có ở trang công khai (tỉnh nhập điểm, không phải báo cáo của xã, phường):",
    component: "Thành phần",
    rankingTable: "Bảng xếp hạng theo tổng điểm, cuộn ngang được", maxPoints: "Điểm tối đa", rate: "Tỷ lệ", points: "Điểm", rule: "Cách chấm", total: "Tổng", rank: "Hạng",
    outOf: (points: string, max: number) => `${points}/${max} điểm`, estimated: "ước tính",
  },
  en: {
    site: "Lai Châu · Public figures", overview: "Overview", communes: "Communes and wards", indicators: "Indicators", methodology: "Methodology",
    other: "Tiếng Việt", otherLocale: "vi", period: "Period", show: "Show", province: "Province", unit: "Unit", value: "Value",
    table: "Table of the chart's figures", download: "Download", csvStd: "CSV (standard)", csvVi: "CSV (Vietnamese Excel)", xlsx: "Excel (.xlsx)",
    embed: "Embed this chart in another site", embedHint: "Copy this snippet into your page:",
    cache: `Only months the province has published, once every report received was approved. A publication or withdrawal shows here at once, through an intermediate cache within ${PUBLIC_S_MAXAGE} seconds.`,
    ranking: "Communes and wards ranked", target: "Target", definition: "Definition", formula: "Formula", source: "Source", unitOf: "Unit",
    noTarget: "none", indicator: "Indicator", chooseIndicator: "Indicator of the chart", kind: { XA: "Commune", PHUONG: "Ward" },
    sourceText: "Monthly reports of the communes and wards, approved and published by the province", fullSite: "See the full page",
    notReported: "no approved report in the period", main: "Main content", skip: "Skip navigation",
    index766: "Index 766",
    index766Title: "Service index for citizens and businesses (Decision 766)",
    index766Intro: "Points of the components of the index of Decision 766/QĐ-TTg (23/6/2022) that the communes' monthly reports support, scored with the decision's rules from the published figures. The total adds only the components with data, out of their maximum.",
    index766Missing: "The components that need the National Public Service Portal's data are not in the public view (the province enters their points; they are not commune reports):",
    component: "Component",
    rankingTable: "Ranking by total points, scrolls sideways", maxPoints: "Maximum", rate: "Rate", points: "Points", rule: "Scoring", total: "Total", rank: "Rank",
    outOf: (points: string, max: number) => `${points}/${max} points`, estimated: "estimate",
  },
} as const;

export type Texts = (typeof T)[PublicLocale];

export function iName(i: Indicator, locale: PublicLocale): string {
  return locale === "en" ? i.nameEn : i.nameVi;
}

/** The query of a period (`?period=<key>`), plus extra parameters. */
export function periodQuery(p: PublicPeriod, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ period: p.key, ...extra });
  return `?${q.toString()}`;
}

/** What a panel shows and as of when: "Số liệu tháng 10/2026, công bố ngày 14/11/2026 · 36/38 xã, phường có số liệu". */
export function Freshness({ period, publishedAt, payload, locale }: { period: PublicPeriod; publishedAt: Date; payload: SnapshotPayload; locale: PublicLocale }) {
  return (
    <p className="text-sm text-slate-700" data-testid="freshness">
      {freshnessLine(period, publishedAt, locale)} · <span data-testid="coverage">{coverageLine(payload, locale)}</span>
    </p>
  );
}

export function Panel(props: { title: string; children: ReactNode; period: PublicPeriod; publishedAt: Date; payload: SnapshotPayload; locale: PublicLocale; id?: string }) {
  return (
    <section className="rounded border border-slate-300 bg-white p-3 space-y-2" aria-labelledby={props.id} data-testid="panel">
      <h2 id={props.id} className="text-lg font-semibold">{props.title}</h2>
      <Freshness period={props.period} publishedAt={props.publishedAt} payload={props.payload} locale={props.locale} />
      {props.children}
    </section>
  );
}

export function Header({ route, period, periods, t, path }: { route: PublicRoute; period: PublicPeriod; periods: PublicPeriod[]; t: Texts; path: string }) {
  const link = (section: PublicRoute["section"], label: string) => {
    const href = publicHref({ ...route, embed: false, section, code: null });
    const current = route.section === section || (section === "communes" && route.section === "commune") || (section === "indicators" && route.section === "indicator");
    return <li><a href={`${href}${periodQuery(period)}`} aria-current={current ? "page" : undefined} className="text-white underline">{label}</a></li>;
  };
  const otherPath = route.locale === "en" ? path.replace(/^\/cong-khai\/en/, PUBLIC_BASE) : path.replace(/^\/cong-khai/, `${PUBLIC_BASE}/en`);
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto max-w-4xl px-3 py-2 space-y-2">
        <div className="flex items-center justify-between gap-2">
          <a href={`${publicHref({ ...route, embed: false, section: "overview", code: null })}`} className="font-semibold text-white no-underline">{t.site}</a>
          <a href={`${otherPath}${periodQuery(period)}`} lang={t.otherLocale} hrefLang={t.otherLocale} className="text-white underline">{t.other}</a>
        </div>
        <nav aria-label={t.site}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {link("overview", t.overview)}
            {link("communes", t.communes)}
            {link("indicators", t.indicators)}
            {link("index766", t.index766)}
            {link("methodology", t.methodology)}
          </ul>
        </nav>
        <form method="get" action={path} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-sm">
            <span>{t.period}</span>
            <select name="period" defaultValue={period.key} className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900">
              {periods.map((p) => <option key={p.key} value={p.key}>{periodName(p, route.locale)}</option>)}
            </select>
          </label>
          <button type="submit" className="rounded border border-white px-3 py-1 text-white">{t.show}</button>
        </form>
      </div>
    </header>
  );
}

/** Horizontal bars of one indicator per unit (largest first), drawn as SVG; the same numbers are in the table under it. */
export function RankingChart({ payload, indicator, locale, t, title }: { payload: SnapshotPayload; indicator: Indicator; locale: PublicLocale; t: Texts; title: string }) {
  const rows = payload.units
    .map((u) => ({ u, v: payload.communes[u.code]?.[indicator.code] ?? null }))
    .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.u.nameVi.localeCompare(b.u.nameVi, "vi"));
  const max = Math.max(0, ...rows.map((r) => r.v ?? 0), indicator.target ?? 0) || 1;
  const rowH = 18;
  const labelW = 130;
  const width = 360;
  const barW = width - labelW - 60;
  const height = rows.length * rowH + 4;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-xl" role="img" aria-label={`${title}: ${iName(indicator, locale)}`}>
        {rows.map((r, k) => {
          const y = k * rowH + 2;
          const w = r.v === null ? 0 : Math.max(1, (r.v / max) * barW);
          return (
            <g key={r.u.code}>
              <text x={labelW - 4} y={y + 12} textAnchor="end" fontSize="10" fill="#0f172a">{r.u.nameVi}</text>
              <rect x={labelW} y={y + 2} width={w} height={rowH - 6} fill="#1d4ed8" />
              <text x={labelW + w + 3} y={y + 12} fontSize="10" fill="#0f172a">{formatPublicValue(r.v, indicator.unit, locale)}</text>
            </g>
          );
        })}
        {indicator.target !== undefined && indicator.target > 0 && (
          <line x1={labelW + (indicator.target / max) * barW} x2={labelW + (indicator.target / max) * barW} y1={0} y2={height} stroke="#b91c1c" strokeDasharray="3 2" />
        )}
      </svg>
      <details data-testid="chart-table">
        <summary className="cursor-pointer underline">{t.table}</summary>
        <DataTable className="mt-2" caption={iName(indicator, locale)} rows={rows} rowKey={(r) => r.u.code} columns={[
          { key: "unit", header: t.unit, rowHeader: true, cell: (r) => r.u.nameVi },
          { key: "value", header: iName(indicator, locale), numeric: true, cell: (r) => formatPublicValue(r.v, indicator.unit, locale) },
        ]} />
      </details>
    </figure>
  );
}

export function Downloads({ period, t }: { period: PublicPeriod; t: Texts }) {
  const base = `${PUBLIC_BASE}/tai-ve/${period.key}`;
  return (
    <p className="text-sm" data-testid="downloads">
      {t.download}: <a href={`${base}.csv`}>{t.csvStd}</a> · <a href={`${base}.vi.csv`}>{t.csvVi}</a> · <a href={`${base}.xlsx`}>{t.xlsx}</a>
    </p>
  );
}

export function EmbedSnippet({ src, title, t }: { src: string; title: string; t: Texts }) {
  const snippet = `<iframe src="${src}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="820" style="border:0" loading="lazy"></iframe>`;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer underline">{t.embed}</summary>
      <p>{t.embedHint}</p>
      <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-slate-900" data-testid="embed-snippet">{snippet}</pre>
    </details>
  );
}

/** Headline figures of the province: one card per indicator, value and what it covers. */
export function Headline({ payload, locale }: { payload: SnapshotPayload; locale: PublicLocale }) {
  return (
    <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2" data-testid="headline">
      {HEADLINE.map((code) => {
        const i = getIndicator(code);
        const f = payload.province[code];
        return (
          <div key={code} className="rounded border border-slate-300 p-2">
            <dt className="text-sm text-slate-700">{iName(i, locale)}</dt>
            <dd className="text-xl font-semibold">{formatPublicValue(f?.value, i.unit, locale)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Every public indicator: the unit's value and the province's, as a table. */
export function UnitTable({ payload, code, locale, t }: { payload: SnapshotPayload; code: string; locale: PublicLocale; t: Texts }) {
  const own = payload.communes[code] ?? {};
  return (
    <DataTable testId="unit-table" caption={t.indicators} rows={PUBLIC_INDICATORS} rowKey={(i) => i.code} columns={[
      { key: "indicator", header: t.indicator, rowHeader: true, cell: (i) => iName(i, locale) },
      { key: "value", header: t.value, numeric: true, cell: (i) => formatPublicValue(own[i.code], i.unit, locale) },
      { key: "province", header: t.province, numeric: true, cell: (i) => formatPublicValue(payload.province[i.code]?.value, i.unit, locale) },
    ]} />
  );
}

/** The methodology, generated from the catalogue the figures are computed with: it cannot disagree with them. */
export function Methodology({ locale, t }: { locale: PublicLocale; t: Texts }) {
  return (
    <div className="space-y-3" data-testid="methodology">
      {PUBLIC_INDICATORS.map((i) => (
        <section key={i.code} id={i.code} className="rounded border border-slate-300 p-3" aria-labelledby={`m-${i.code}`}>
          <h2 id={`m-${i.code}`} className="font-semibold">{iName(i, locale)}</h2>
          <dl className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-semibold">{t.definition}</dt><dd>{locale === "en" ? i.descriptionEn : i.descriptionVi}</dd>
            <dt className="font-semibold">{t.formula}</dt><dd>{formulaInWords(i)}</dd>
            <dt className="font-semibold">{t.unitOf}</dt><dd>{i.unit}</dd>
            <dt className="font-semibold">{t.source}</dt><dd>{sourceInWords(i)}</dd>
            <dt className="font-semibold">{t.target}</dt><dd>{i.target === undefined ? t.noTarget : `${i.direction === "LOWER_IS_BETTER" ? "≤" : "≥"} ${formatPublicValue(i.target, i.unit, locale)}`}</dd>
          </dl>
        </section>
      ))}
    </div>
  );
}

function pointsText(v: number | null, locale: PublicLocale): string {
  return v === null
    ? formatPublicValue(null, "", locale)
    : new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

const percent = (rate: number | null | undefined) => (rate == null ? null : rate * 100);

function totalText(s: Public766Score, locale: PublicLocale, t: Texts): string {
  return s.total === null ? formatPublicValue(null, "", locale) : t.outOf(pointsText(s.total, locale), s.totalMax);
}

/** The province's Decision 766 components: the rule, the rate and the points of each, and the total. */
export function Index766Province({ score, locale, t }: { score: Public766Score; locale: PublicLocale; t: Texts }) {
  const own = (id: string) => score.components.find((x) => x.id === id);
  return (
    <DataTable testId="index766-province" caption={t.index766} rows={SUPPORTED_COMPONENTS} rowKey={(c) => c.id} rowTestId={(c) => `index766-${c.id}`}
      footer={{ component: t.total, points: <span data-testid="index766-total">{totalText(score, locale, t)}</span> }}
      columns={[
        { key: "component", header: t.component, rowHeader: true, cell: (c) => (
          <>
            {componentLabel(c)} ({t.maxPoints.toLowerCase()} {c.max}){c.estimated ? `, ${t.estimated}` : ""}
            <span className="block text-xs text-slate-700">{t.rule}: {c.rule}</span>
          </>
        ) },
        { key: "rate", header: t.rate, numeric: true, cell: (c) => formatPublicValue(percent(own(c.id)?.rate), "%", locale) },
        { key: "points", header: t.points, numeric: true, cell: (c) => pointsText(own(c.id)?.points ?? null, locale) },
      ]} />
  );
}

/** The units ranked by their Decision 766 total (equal totals share a rank), with each component's points. */
export function Index766Ranking({ payload, locale, t, href }: { payload: SnapshotPayload; locale: PublicLocale; t: Texts; href: (code: string) => string }) {
  const scores = payload.index766?.communes ?? {};
  const ranked = rankByTotal(payload.units.map((u) => ({ u, name: u.nameVi, total: scores[u.code]?.total ?? null })));
  return (
    <DataTable testId="index766-ranking" caption={t.rankingTable} rows={ranked} rowKey={(r) => r.u.code} rowTestId={(r) => `index766-row-${r.u.code}`}
      columns={[
        { key: "rank", header: t.rank, numeric: true, cell: (r) => r.rank ?? "–" },
        { key: "unit", header: t.unit, rowHeader: true, cell: (r) => <a href={href(r.u.code)}>{r.u.nameVi}</a> },
        ...SUPPORTED_COMPONENTS.map((c): DataColumn<(typeof ranked)[number]> => ({
          key: c.id, header: <abbr title={componentLabel(c)}>{c.id}</abbr>, numeric: true,
          cell: (r) => pointsText(scores[r.u.code]?.components.find((x) => x.id === c.id)?.points ?? null, locale),
        })),
        { key: "total", header: t.total, numeric: true, cellClassName: () => "font-semibold",
          cell: (r) => (scores[r.u.code] ? totalText(scores[r.u.code]!, locale, t) : formatPublicValue(null, "", locale)) },
      ]} />
  );
}

/** The components that are not in the public view, by name. */
export function Index766NotPublic({ t }: { t: Texts }) {
  return (
    <div className="text-sm">
      <p>{t.index766Missing}</p>
      <ul className="list-disc pl-5">
        {ENTERED_COMPONENTS.map((c) => <li key={c.key}>{componentLabel(c)} ({c.max})</li>)}
      </ul>
    </div>
  );
}

export const publishedOn = (d: Date) => formatDateVi(d);
