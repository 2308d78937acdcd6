import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PrintBar } from "@/components/print-bar";
import { ScorecardView } from "@/components/scorecard-view";
import { provinceScorecards } from "@/lib/data/scorecards";
import type { SearchParams } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE } from "@/lib/web/page-context";
import { scorecardContext } from "@/lib/web/scorecard-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scorecard"))("titleAll") };
}

export default async function AllScorecardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await scorecardContext(searchParams);
  const t = await getTranslations("scorecard");
  const te = await getTranslations("errors");
  const ui = await getUi();
  const { ranked, cards } = await provinceScorecards(PROVINCE, ctx.range);
  const rangeLabel = ui.range(ctx.range);
  return (
    <div className="space-y-6">
      <PrintBar title={t("titleAll")} period={rangeLabel}>
        <a href={`/briefing/scorecards/docx?from=${ctx.range.from}&to=${ctx.range.to}`}>{t("word")}</a>
      </PrintBar>
      <h1 className="text-2xl font-bold print:hidden">
        {t("titleAll")} · {rangeLabel}
      </h1>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <div className="space-y-6" data-testid="scorecards">
        {cards.map((card, i) => (
          <div key={card.commune.code} className={i > 0 ? "print-page-break" : undefined}>
            <ScorecardView card={card} ranked={ranked} ui={ui} rangeLabel={rangeLabel} />
          </div>
        ))}
      </div>
    </div>
  );
}
