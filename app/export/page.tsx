import type { Metadata } from "next";
import { now } from "@/lib/clock";
import { connection } from "next/server";
import { ExportDownload } from "@/components/export-download";
import { requireViewer } from "@/lib/auth/viewer";
import { CSV_PRESETS, exportFileName, paramsToObject, parseExportOptions } from "@/lib/domain/export-options";
import { COMPUTED_INDICATORS, COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import type { SearchParams } from "@/lib/domain/range-query";
import { DataError } from "@/lib/data/errors";
import { prepareExport, previewExport } from "@/lib/data/export";
import { listCommunes } from "@/lib/data/org-units";

export const metadata: Metadata = { title: "Xuất dữ liệu" };

const CATEGORY_VI: Record<string, string> = {
  staffing: "Biên chế, nhân sự",
  shortage: "Vị trí chuyên môn còn thiếu",
  one_stop: "Bộ phận một cửa",
  procedures: "Thủ tục hành chính",
  digitisation: "Số hoá",
  feedback: "Phản ánh, kiến nghị",
  reporting: "Báo cáo",
};

function toQuery(params: SearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const x of Array.isArray(v) ? v : v ? [v] : []) if (x !== "") q.append(k, x);
  return q;
}

export default async function ExportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const viewer = await requireViewer();
  const params = await searchParams;
  const latest = lastFullMonth(now());
  const months = periodsInRange(REFORM_START, latest).reverse();
  const communes = await listCommunes("12");
  const districts = [...new Set(communes.flatMap((c) => c.formerDistricts))].sort();
  const submitted = params.to !== undefined;
  const query = toQuery(params);
  const parsed = submitted ? parseExportOptions(paramsToObject(query), now()) : null;
  let result: {
    count: number;
    rows: unknown[][];
    header: string[];
    href: string;
    fileName: string;
    xlsxHref: string;
    xlsxFileName: string;
  } | null = null;
  let error: string | null =
    parsed && !parsed.success ? (parsed.error.issues[0]?.message ?? "Lựa chọn không hợp lệ") : null;
  if (parsed?.success) {
    try {
      const prepared = await prepareExport(viewer, parsed.data);
      const preview = await previewExport(prepared);
      result = {
        ...preview,
        header: prepared.header,
        href: `/api/v1/export.csv?${query.toString()}`,
        fileName: exportFileName(parsed.data),
        xlsxHref: `/api/v1/export.xlsx?${query.toString()}`,
        xlsxFileName: exportFileName(parsed.data, "xlsx"),
      };
    } catch (e) {
      if (e instanceof DataError && e.code === "FORBIDDEN") error = e.message;
      else throw e;
    }
  }
  const selected = (name: string) => new Set(([] as string[]).concat(params[name] ?? []));
  const chosenIndicators = selected("indicators");
  const chosenCommunes = selected("communes");
  const isCommune = viewer.role === "COMMUNE";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Xuất dữ liệu</h1>
      <p className="text-slate-700">
        Dùng Excel hoặc LibreOffice: nên tải tệp Excel (.xlsx), trong đó số là số, mã xã giữ số 0 ở đầu, có giải thích
        từng cột. Tệp CSV có hai kiểu: “{CSV_PRESETS.vi.label}” (dấu chấm phẩy, dấu phẩy thập phân, có BOM) và “
        {CSV_PRESETS.rfc.label}” (dấu phẩy, dấu chấm thập phân) cho phần mềm, công cụ phân tích.
        {isCommune && " Tài khoản xã, phường xuất số liệu của đơn vị mình."}
      </p>
      <form method="get" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 font-semibold">Kỳ</legend>
          <label className="flex flex-col text-sm">
            Từ tháng
            <select
              name="from"
              defaultValue={String(params.from ?? REFORM_START)}
              className="mt-1 rounded border border-slate-400 px-2 py-1.5"
            >
              {months.map((p) => (
                <option key={p} value={p}>
                  {formatPeriodVi(p)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm">
            Đến tháng
            <select
              name="to"
              defaultValue={String(params.to ?? latest)}
              className="mt-1 rounded border border-slate-400 px-2 py-1.5"
            >
              {months.map((p) => (
                <option key={p} value={p}>
                  {formatPeriodVi(p)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend className="mb-1 font-semibold">Chỉ tiêu (để trống: tất cả chỉ tiêu nhập)</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {[...COMMUNE_RAW_INDICATORS, ...COMPUTED_INDICATORS.filter((i) => i.formula.type !== "reporting")].map(
              (i) => (
                <label key={i.code} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="indicators"
                    value={i.code}
                    defaultChecked={chosenIndicators.has(i.code)}
                    className="mt-1"
                  />
                  <span>
                    {i.nameVi}{" "}
                    <span className="text-slate-600">
                      ({CATEGORY_VI[i.category]}
                      {i.kind === "COMPUTED" ? ", tính toán" : ""})
                    </span>
                  </span>
                </label>
              ),
            )}
          </div>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" name="computed" value="1" defaultChecked={params.computed === "1"} /> Gồm cả chỉ tiêu
            tính toán (tỷ lệ, tổng)
          </label>
        </fieldset>
        {!isCommune && (
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 font-semibold">Xã, phường</legend>
            <label className="flex flex-col text-sm">
              Loại
              <select
                name="kind"
                defaultValue={String(params.kind ?? "")}
                className="mt-1 rounded border border-slate-400 px-2 py-1.5"
              >
                <option value="">Tất cả</option>
                <option value="xa">Xã</option>
                <option value="phuong">Phường</option>
              </select>
            </label>
            <label className="flex flex-col text-sm">
              Huyện cũ
              <select
                name="district"
                defaultValue={String(params.district ?? "")}
                className="mt-1 rounded border border-slate-400 px-2 py-1.5"
              >
                <option value="">Tất cả</option>
                {districts.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col text-sm">
              Chọn đơn vị (giữ Ctrl để chọn nhiều)
              <select
                name="communes"
                multiple
                size={5}
                defaultValue={[...chosenCommunes]}
                className="mt-1 min-w-64 rounded border border-slate-400 px-2 py-1.5"
              >
                {communes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.fullName} ({c.code})
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}
        <fieldset className="flex flex-wrap gap-6 text-sm">
          <legend className="mb-1 font-semibold">Định dạng</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="format" value="long" defaultChecked={params.format !== "wide"} /> Dạng dọc (mỗi
            dòng một giá trị)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="format" value="wide" defaultChecked={params.format === "wide"} /> Dạng ngang (mỗi
            dòng một xã, một tháng)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="header" value="code" defaultChecked={params.header !== "vi"} /> Tên cột bằng mã
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="header" value="vi" defaultChecked={params.header === "vi"} /> Tên cột tiếng Việt
          </label>
        </fieldset>
        <fieldset className="flex flex-wrap gap-6 text-sm">
          <legend className="mb-1 font-semibold">Kiểu tệp CSV</legend>
          {(["vi", "rfc"] as const).map((preset) => (
            <label key={preset} className="flex items-center gap-2">
              <input type="radio" name="preset" value={preset} defaultChecked={(params.preset ?? "vi") === preset} />{" "}
              {CSV_PRESETS[preset].label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
          Xem trước
        </button>
      </form>
      {error && (
        <p role="alert" data-testid="export-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {result && (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Xem trước: <span data-testid="export-count">{result.count.toLocaleString("vi-VN")}</span> dòng ·{" "}
            {result.fileName}
          </h2>
          <ExportDownload
            href={result.href}
            fileName={result.fileName}
            xlsxHref={result.xlsxHref}
            xlsxFileName={result.xlsxFileName}
            totalRows={result.count}
          />
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-xs" data-testid="export-preview">
              <thead className="bg-slate-100">
                <tr>
                  {result.header.map((h) => (
                    <th key={h} scope="col" className="px-2 py-1 text-left">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    {row.map((cell, j) => (
                      <td key={j} className="px-2 py-1 tabular-nums">
                        {cell == null ? "" : String(cell)}
                      </td>
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
