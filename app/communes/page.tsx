import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/filter-form";
import { SortHeader } from "@/components/sort-header";
import { COMMUNE_SORT_COLUMNS, listFormerDistricts, searchCommunes } from "@/lib/data/communes";
import { type SearchParams, parseSort } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("communes"))("title") };
}

export default async function CommunesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const t = await getTranslations("communes");
  const districts = await listFormerDistricts(PROVINCE);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <FilterForm districts={districts} filters={ctx.filters} params={ctx.params} search path="/communes" />
      {/* Not streamed: sorting and searching are plain links and forms that must work without JavaScript. */}
      <CommuneTable ctx={ctx} />
    </div>
  );
}

async function CommuneTable({ ctx }: { ctx: PageContext }) {
  const t = await getTranslations("communes");
  const tf = await getTranslations("filters");
  const ui = await getUi();
  const sort = parseSort(ctx.params, COMMUNE_SORT_COLUMNS, "name");
  const rows = await searchCommunes(PROVINCE, ctx.filters, sort);
  const header = (column: (typeof COMMUNE_SORT_COLUMNS)[number], align?: "right") => (
    <SortHeader
      column={column}
      label={t(`columns.${column}`)}
      current={sort}
      path="/communes"
      params={ctx.params}
      sortLabels={{ ascending: t("ascending"), descending: t("descending") }}
      align={align}
    />
  );
  if (rows.length === 0) {
    return (
      <p className="rounded border border-slate-300 bg-white p-4" data-testid="communes-empty">
        {t("empty", { q: ctx.filters.q ?? "" })}
      </p>
    );
  }
  return (
    <section aria-labelledby="communes-count">
      <p id="communes-count" className="mb-2 text-sm text-slate-700" data-testid="communes-count">
        {t("count", { n: rows.length })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="communes-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              {header("code")}
              {header("name")}
              {header("kind")}
              {header("district")}
              {header("area", "right")}
              {header("population", "right")}
              {header("formerUnits", "right")}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.code} className="border-t border-slate-100">
                <td className="px-3 py-2 tabular-nums">{c.code}</td>
                <td className="px-3 py-2">
                  <a href={`/communes/${c.code}`}>{c.fullName}</a>
                </td>
                <td className="px-3 py-2">{c.kind === "PHUONG" ? tf("phuong") : tf("xa")}</td>
                <td className="px-3 py-2">{c.formerDistricts.join("; ")}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {c.areaKm2 == null ? "—" : ui.value(c.areaKm2, "km²")}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {c.population == null ? "—" : ui.integer(c.population)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{ui.integer(c.formerUnits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
