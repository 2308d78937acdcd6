import { getTranslations } from "next-intl/server";
import type { MonthCoverage } from "@/lib/domain/coverage";
import { type Period, type PeriodRange, formatPeriodVi, periodPresets, quarterNumber } from "@/lib/domain/periods";
import { type SearchParams, first, hrefWith } from "@/lib/domain/range-query";
import { PhoneFold } from "./phone-fold";
import { MonthRangeSelects } from "./select-options";

const RANGE_KEYS = ["period", "from", "to"];

/**
 * The period picker. A plain GET form (works without JavaScript), so the chosen range lands in the URL and every view
 * is a link; quick choices ("since the reform", quarters) are links keeping the other parameters (filters, sort).
 */
export async function PeriodForm(props: {
  months: string[];
  range: PeriodRange;
  path?: string;
  params?: SearchParams;
  now: Date;
  /** The month the page opens on (the newest complete one) and the month in progress, one click away (issue 28). */
  opening?: { period: Period; inProgress: MonthCoverage | null };
  /** On a phone, fold the form and the shortcuts into one control (the month links stay in view). */
  foldOnPhone?: { summary: string };
}) {
  const t = await getTranslations("period");
  const options = [...props.months].reverse();
  const latest = options[0] ?? props.range.to;
  const params = props.params ?? {};
  const path = props.path ?? "";
  const presets = periodPresets(latest, props.now);
  const keep = Object.entries(params).filter(([k]) => !RANGE_KEYS.includes(k));
  const controls = (
    <>
      <form
        method="get"
        action={path || undefined}
        className="flex flex-wrap items-end gap-3"
        aria-label={t("formLabel")}
      >
        {keep.map(([k, v]) => {
          const value = first(v);
          return value === undefined ? null : <input key={k} type="hidden" name={k} value={value} />;
        })}
        <MonthRangeSelects
          labels={[t("from"), t("to")]}
          names={["from", "to"]}
          range={props.range}
          months={options}
          labelClassName="text-sm"
        />
        <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">
          {t("submit")}
        </button>
      </form>
      <nav aria-label={t("presetsLabel")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {presets.map((p) => {
            const label = p.kind === "quarter" ? t("quarter", quarterNumber(p.range.from)) : t(p.kind);
            const current = p.range.from === props.range.from && p.range.to === props.range.to;
            const href = hrefWith(path || "/", params, { period: undefined, from: p.range.from, to: p.range.to });
            return (
              <li key={`${p.range.from}-${p.range.to}`}>
                <a
                  href={href}
                  aria-current={current ? "true" : undefined}
                  className={`inline-block rounded-full border px-3 py-0.5 ${current ? "border-sky-800 bg-sky-800 text-white" : "border-slate-400 bg-white"}`}
                >
                  {label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
  return (
    <div className="flex flex-col gap-2 print:hidden">
      {props.opening?.inProgress && (
        <OpeningLinks
          opening={props.opening}
          inProgress={props.opening.inProgress}
          range={props.range}
          path={path}
          params={params}
        />
      )}
      {props.foldOnPhone ? (
        <PhoneFold id="period-fold" summary={props.foldOnPhone.summary} testId="period-fold">
          <div className="flex flex-col gap-2">{controls}</div>
        </PhoneFold>
      ) : (
        controls
      )}
    </div>
  );
}

/** "Tháng 11/2026: đã nhận 26/38" (the month in progress) beside "Tháng 10/2026: đủ số liệu" (the complete one). */
async function OpeningLinks(props: {
  opening: { period: Period };
  inProgress: MonthCoverage;
  range: PeriodRange;
  path: string;
  params: SearchParams;
}) {
  const t = await getTranslations("period");
  const { inProgress, opening } = props;
  const link = (period: Period, label: string, testId: string) => {
    const current = props.range.from === period && props.range.to === period;
    return (
      <a
        href={hrefWith(props.path || "/", props.params, { period, from: undefined, to: undefined })}
        data-testid={testId}
        aria-current={current ? "true" : undefined}
        className={`inline-block rounded border px-2 py-0.5 ${current ? "border-sky-800 bg-sky-800 text-white" : "border-slate-400 bg-white text-sky-900 underline"}`}
      >
        {label}
      </a>
    );
  };
  return (
    <p className="flex flex-wrap gap-2 text-sm" data-testid="opening-periods">
      {link(opening.period, t("complete", { period: formatPeriodVi(opening.period) }), "period-complete")}
      {link(
        inProgress.period,
        t("inProgress", {
          period: formatPeriodVi(inProgress.period),
          received: inProgress.received,
          expected: inProgress.expected,
        }),
        "period-in-progress",
      )}
    </p>
  );
}
