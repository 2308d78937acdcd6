import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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

function Cell({ code, value }: { code: string; value: number | null }) {
  const ind = getIndicator(code);
  const status = kpiStatus(ind, value);
  return (
    <td className={`relative px-2 py-1 text-right tabular-nums ${STATUS_CLASS[status]}`}>
      {value == null ? "Chưa có số liệu" : formatValue(value, ind.unit)}
      {status !== "none" && <span className="sr-only"> ({STATUS_TEXT[status]})</span>}
    </td>
  );
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="national-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-2 py-2">
                Tỉnh, thành phố
              </th>
              <th scope="col" className="px-2 py-2 text-right">
                Số xã, phường
              </th>
              {NATIONAL_CODES.map((c) => (
                <th key={c} scope="col" className="px-2 py-2 text-right">
                  {getIndicator(c).nameVi}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className="border-t border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <a href={query(r.code)}>{r.name}</a>
                </th>
                <td className="px-2 py-1 text-right tabular-nums">{formatInteger(r.communes)}</td>
                {NATIONAL_CODES.map((c) => (
                  <Cell key={c} code={c} value={r.values[c] ?? null} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {drill && (
        <section aria-labelledby="drill">
          <h2 id="drill" className="mb-2 text-lg font-semibold">
            Các xã, phường của {rows.find((r) => r.code === province)!.name}
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="drill-table">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-2 py-2">
                    Xã, phường
                  </th>
                  {drill.codes.map((c) => (
                    <th key={c} scope="col" className="px-2 py-2 text-right">
                      {getIndicator(c).nameVi}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {drill.rows.map((u) => (
                  <tr key={u.code} className="border-t border-slate-100">
                    <th scope="row" className="px-2 py-1 text-left font-normal">
                      {u.name} ({u.code})
                    </th>
                    {drill.codes.map((c) => (
                      <Cell key={c} code={c} value={u.values[c] ?? null} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
