import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/filter-form";
import { DataTable } from "@/components/data-table";
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
      <DataTable
        testId="communes-table"
        density="roomy"
        sort={{
          current: sort,
          path: "/communes",
          params: ctx.params,
          labels: { ascending: t("ascending"), descending: t("descending") },
        }}
        rows={rows}
        rowKey={(c) => c.code}
        columns={[
          {
            key: "code",
            sortKey: "code",
            header: t("columns.code"),
            cell: (c) => <span className="tabular-nums">{c.code}</span>,
          },
          {
            key: "name",
            sortKey: "name",
            header: t("columns.name"),
            cell: (c) => <a href={`/communes/${c.code}`}>{c.fullName}</a>,
          },
          {
            key: "kind",
            sortKey: "kind",
            header: t("columns.kind"),
            cell: (c) => (c.kind === "PHUONG" ? tf("phuong") : tf("xa")),
          },
          {
            key: "district",
            sortKey: "district",
            header: t("columns.district"),
            cell: (c) => c.formerDistricts.join("; "),
          },
          {
            key: "area",
            sortKey: "area",
            header: t("columns.area"),
            numeric: true,
            cell: (c) => (c.areaKm2 == null ? "—" : ui.value(c.areaKm2, "km²")),
          },
          {
            key: "population",
            sortKey: "population",
            header: t("columns.population"),
            numeric: true,
            cell: (c) => (c.population == null ? "—" : ui.integer(c.population)),
          },
          {
            key: "formerUnits",
            sortKey: "formerUnits",
            header: t("columns.formerUnits"),
            numeric: true,
            cell: (c) => ui.integer(c.formerUnits),
          },
        ]}
      />
    </section>
  );
}
