import { connection } from "next/server";
import { KpiCard } from "@/components/kpi-card";
import { PeriodForm } from "@/components/period-form";
import { getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { formatInteger, formatPercent, formatValue } from "@/lib/domain/format";
import { REFORM_START, formatRangeVi, periodsInRange } from "@/lib/domain/periods";
import { parseRangeQuery, type SearchParams } from "@/lib/domain/range-query";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { provinceOverview } from "@/lib/data/overview";
import { requireViewer } from "@/lib/auth/viewer";

const PROVINCE = "12";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await requireViewer();
  const latest = (await latestReportedPeriod(PROVINCE)) ?? REFORM_START;
  const { range, error } = parseRangeQuery(await searchParams, latest);
  const o = await provinceOverview(PROVINCE, range);
  const show = (code: string) => {
    const ind = getIndicator(code);
    const v = o.value(code);
    return { value: formatValue(v, ind.unit), status: kpiStatus(ind, v) };
  };
  const onTime = show("proc_on_time_rate");
  const coverage = show("one_stop_coverage");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Tổng quan tỉnh Lai Châu</h1>
          <p className="text-slate-700" data-testid="period-label">Kỳ báo cáo: {formatRangeVi(range)}</p>
        </div>
        <PeriodForm months={periodsInRange(REFORM_START, latest)} range={range} />
      </div>
      {error && (
        <p role="alert" data-testid="period-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error}. Đang hiển thị tháng gần nhất có số liệu.
        </p>
      )}
      <h2 className="sr-only">Chỉ số chính</h2>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard title="Số đơn vị hành chính cấp xã" value={formatInteger(o.units.total)} testId="kpi-units"
          detail={`${formatInteger(o.units.xa)} xã, ${formatInteger(o.units.phuong)} phường`} />
        <KpiCard title="Bộ phận một cửa hoạt động" testId="kpi-one-stop" status={coverage.status}
          value={o.oneStop ? `${formatInteger(o.oneStop.covered)}/${formatInteger(o.units.total)}` : "Chưa có số liệu"}
          detail={o.oneStop ? `${coverage.value} số xã, phường có báo cáo (${formatInteger(o.oneStop.reporting)})` : undefined} />
        <KpiCard title="Biên chế CB, CC, VC cấp xã được giao" value={show("staff_quota").value} testId="kpi-quota"
          detail={`Đã bố trí ${show("staff_total").value} (${show("quota_fill_rate").value})`} status={show("quota_fill_rate").status} />
        <KpiCard title="Cán bộ, công chức cấp xã" value={show("staff_cbcc").value} testId="kpi-cbcc" />
        <KpiCard title="CB, CC, VC toàn tỉnh" value={o.staffAllLevels == null ? "Chưa có số liệu" : formatInteger(o.staffAllLevels)} testId="kpi-all-levels" />
        <KpiCard title="Giải quyết TTHC đúng và trước hạn" value={onTime.value} status={onTime.status} testId="kpi-on-time"
          detail={`Chỉ tiêu ≥ ${formatPercent(getIndicator("proc_on_time_rate").target!)}`} />
        <KpiCard title="Trang tài liệu số hoá (luỹ kế từ 07/2025)" value={show("pages_digitised_cumulative").value} testId="kpi-pages" />
        <KpiCard title="Báo cáo tháng đã nộp" testId="kpi-reporting" status={show("reporting_rate").status}
          value={`${formatInteger(o.reporting.received)}/${formatInteger(o.reporting.expected)}`}
          detail={`Đúng hạn: ${show("reporting_timeliness").value}`} />
      </div>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading" className="mb-2 text-lg font-semibold">38 xã, phường</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="commune-table">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Mã</th>
                <th scope="col" className="px-3 py-2">Đơn vị</th>
                <th scope="col" className="px-3 py-2">Huyện cũ</th>
                <th scope="col" className="px-3 py-2 text-right">Biên chế</th>
                <th scope="col" className="px-3 py-2 text-right">CB, CC</th>
                <th scope="col" className="px-3 py-2 text-right">Đúng hạn</th>
              </tr>
            </thead>
            <tbody>
              {o.communes.map((c) => (
                <tr key={c.code} className="border-t border-slate-100">
                  <td className="px-3 py-2 tabular-nums">{c.code}</td>
                  <td className="px-3 py-2">{c.fullName}</td>
                  <td className="px-3 py-2">{c.formerDistricts.join("; ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.reported ? formatValue(c.staffQuota, "người") : "Chưa báo cáo"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatValue(c.staffCbcc, "người")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatValue(c.onTimeRate, "%")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
