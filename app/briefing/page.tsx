import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PeriodForm } from "@/components/period-form";
import { PrintBar } from "@/components/print-bar";
import { briefingFigures } from "@/lib/data/briefing";
import { writeBriefing } from "@/lib/domain/briefing";
import type { SearchParams } from "@/lib/domain/range-query";
import { scorecardPeriodParam } from "@/lib/domain/scorecard";
import { getUi } from "@/i18n/server";
import { PROVINCE, pageContext } from "@/lib/web/page-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("briefing"))("title") };
}

export default async function BriefingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const t = await getTranslations("briefing");
  const te = await getTranslations("errors");
  const ui = await getUi();
  const figures = await briefingFigures(PROVINCE, ctx.range, ctx.now);
  const briefing = writeBriefing(figures);
  const param = scorecardPeriodParam(ctx.range);
  const scorecardsHref = `/briefing/scorecards?${param ? `period=${param}` : `from=${ctx.range.from}&to=${ctx.range.to}`}`;
  return (
    <div className="space-y-6">
      <PrintBar title={t("title")} period={ui.range(ctx.range)}>
        <a href={`/briefing/docx?from=${ctx.range.from}&to=${ctx.range.to}`} data-testid="briefing-docx">
          {t("word")}
        </a>
        <a href={scorecardsHref} data-testid="print-all-scorecards">
          {t("printAll", { n: figures.units.total })}
        </a>
        <a
          href={scorecardsHref.replace("/briefing/scorecards?", "/briefing/scorecards/docx?")}
          data-testid="scorecards-docx"
        >
          {t("wordAll", { n: figures.units.total })}
        </a>
      </PrintBar>
      <div className="flex flex-wrap items-end justify-between gap-4 print:hidden">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="max-w-2xl text-sm text-slate-700">{t("intro")}</p>
        </div>
        <PeriodForm
          now={ctx.now}
          months={ctx.months}
          range={ctx.range}
          path="/briefing"
          params={ctx.params}
          opening={ctx.opening}
        />
      </div>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <article
        lang="vi"
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 print:border-0 print:p-0"
        data-testid="briefing"
      >
        <h2 className="text-xl font-semibold" data-testid="briefing-title">
          {briefing.title}
        </h2>
        {briefing.sections.map((s) => (
          <section
            key={s.id}
            aria-labelledby={`briefing-${s.id}`}
            data-testid={`briefing-${s.id}`}
            className={s.id === "ranking" ? "print-page-break space-y-1" : "space-y-1"}
          >
            <h3 id={`briefing-${s.id}`} className="font-semibold">
              {s.heading}
            </h3>
            {s.sentences.map((sentence, i) => (
              <p key={i} className="leading-relaxed">
                {sentence}
              </p>
            ))}
          </section>
        ))}
      </article>
    </div>
  );
}
