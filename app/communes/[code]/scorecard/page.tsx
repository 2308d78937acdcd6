import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PrintBar } from "@/components/print-bar";
import { ScorecardView } from "@/components/scorecard-view";
import { getCommune } from "@/lib/data/communes";
import { provinceScorecards } from "@/lib/data/scorecards";
import type { SearchParams } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE } from "@/lib/web/page-context";
import { scorecardContext } from "@/lib/web/scorecard-context";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const commune = /^\d{5}$/.test(code) ? await getCommune(code) : null;
  const t = await getTranslations("scorecard");
  return { title: commune ? `${t("title")}: ${commune.fullName}` : t("title") };
}

export default async function CommuneScorecardPage({ params, searchParams }: Props) {
  const { code } = await params;
  const commune = /^\d{5}$/.test(code) ? await getCommune(code) : null;
  if (!commune || commune.provinceCode !== PROVINCE) notFound();
  const ctx = await scorecardContext(searchParams);
  const t = await getTranslations("scorecard");
  const te = await getTranslations("errors");
  const ui = await getUi();
  const { ranked, cards } = await provinceScorecards(PROVINCE, ctx.range);
  const card = cards.find((c) => c.commune.code === commune.code);
  if (!card) notFound();
  const rangeLabel = ui.range(ctx.range);
  return (
    <div className="space-y-4">
      <PrintBar title={`${t("title")}: ${commune.fullName}`} period={rangeLabel}>
        <a href={`/communes/${commune.code}/scorecard/docx?from=${ctx.range.from}&to=${ctx.range.to}`}>{t("word")}</a>
        <a href={`/communes/${commune.code}?from=${ctx.range.from}&to=${ctx.range.to}`}>← {commune.fullName}</a>
      </PrintBar>
      <h1 className="sr-only">
        {t("title")}: {commune.fullName}
      </h1>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <ScorecardView card={card} ranked={ranked} ui={ui} rangeLabel={rangeLabel} />
    </div>
  );
}
