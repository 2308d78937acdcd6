import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type DataColumn, DataTable } from "@/components/data-table";
import { PeriodForm } from "@/components/period-form";
import { formatInteger, formatValue } from "@/lib/domain/format";
import { getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { formatRangeVi } from "@/lib/domain/periods";
import type { SearchParams } from "@/lib/domain/range-query";
import { NATIONAL_CODES, nationalOverview, provinceCommunes } from "@/lib/data/national";
import { pageContext } from "@/lib/web/page-context";

export const metadata: Metadata = { title: "Toàn quốc" };

const STATUS_TEXT = { good: "đạt", warning: "gần đạt", bad: "chưa đạt", none: "" } as const;
const STATUS_CLASS = { good: "bg-emerald-50", warning: "bg-amber-50", bad: "bg-red-50", none: "" } as const;

/** An indicator's column: the value coloured by its target, the status said to screen readers. */
function indicatorColumn<R>(code: string, valueOf: (row: R) => number | null): DataColumn<R> {
  const ind = getIndicator(code);
  return {
    key: code,
    header: ind.nameVi,
    numeric: true,
    cellClassName: (r) => `relative ${STATUS_CLASS[kpiStatus(ind, valueOf(r))]}`,
    cell: (r) => {
      const value = valueOf(r);
      const status = kpiStatus(ind, value);
      return (
        <>
          {value == null ? "Chưa có số liệu" : formatValue(value, ind.unit)}
          {status !== "none" && <span className="sr-only"> ({STATUS_TEXT[status]})</span>}
        </>
      );
    },
  };
}

export default async function NationalPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const te = await getTranslations("errors");
  const { params, range, error } = ctx;
  const province = typeof params.province === "string" ? params.province : null;
  const rows = await nationalOverview(range);
  const drill = province && rows.some((r) => r.code === province) ? await provinceCommunes(province, range) : null;
  const query = (p: string) => `/national?from=${range.from}&to=${range.to}&province=${encodeURIComponent(p)}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Toàn quốc: các tỉnh, thành phố</h1>
          <p className="text-slate-700">
            Kỳ báo cáo: {formatRangeVi(range)} · {formatInteger(rows.length)} tỉnh, thành phố ·{" "}
            {formatInteger(rows.reduce((a, r) => a + r.communes, 0))} xã, phường
          </p>
        </div>
        <PeriodForm now={ctx.now} months={ctx.months} range={range} params={params} path="/national" />
      </div>
      {error && (
        <p role="alert" data-testid="period-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(error)} {te("fallback")}
        </p>
      )}
      <DataTable
        testId="national-table"
        rows={rows}
        rowKey={(r) => r.code}
        columns={[
          {
            key: "province",
            header: "Tỉnh, thành phố",
            rowHeader: true,
            cell: (r) => <a href={query(r.code)}>{r.name}</a>,
          },
          { key: "communes", header: "Số xã, phường", numeric: true, cell: (r) => formatInteger(r.communes) },
          ...NATIONAL_CODES.map((c) => indicatorColumn<(typeof rows)[number]>(c, (r) => r.values[c] ?? null)),
        ]}
      />
      {drill && (
        <section aria-labelledby="drill">
          <h2 id="drill" className="mb-2 text-lg font-semibold">
            Các xã, phường của {rows.find((r) => r.code === province)!.name}
          </h2>
          <DataTable
            testId="drill-table"
            rows={drill.rows}
            rowKey={(u) => u.code}
            columns={[
              {
                key: "commune",
                header: "Xã, phường",
                rowHeader: true,
                cell: (u) => `${u.name} (${u.code})`,
              },
              ...drill.codes.map((c) => indicatorColumn<(typeof drill.rows)[number]>(c, (u) => u.values[c] ?? null)),
            ]}
          />
        </section>
      )}
    </div>
  );
}
