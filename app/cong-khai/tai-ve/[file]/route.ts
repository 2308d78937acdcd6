/**
 * Downloads of the public view at stable addresses per period: /cong-khai/tai-ve/<key>.csv (standard),
 * <key>.vi.csv (vi-VN: semicolons, decimal comma) and <key>.xlsx, e.g. /cong-khai/tai-ve/2026-10.csv. Built from the
 * stored snapshot only; a period that is not published (or the view off) is a 404. No cookie, no session.
 */
import ExcelJS from "exceljs";
import { publicSnapshot, publicState } from "@/lib/data/public-reads";
import { formatDateVi } from "@/lib/domain/format";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import {
  PUBLIC_CACHE_CONTROL,
  PUBLIC_CSV_COLUMNS,
  parseDownloadName,
  publicCsv,
  roundForFile,
  snapshotRows,
} from "@/lib/domain/public-view";

export const dynamic = "force-dynamic";

const PROVINCE_NAME = "Tỉnh Lai Châu";

function notFound(): Response {
  return new Response("Không tìm thấy: kỳ số liệu này chưa được công bố.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const wanted = parseDownloadName((await params).file);
  if (!wanted) return notFound();
  const state = await publicState();
  const period = state.periods.find((p) => p.key === wanted.key);
  if (!period) return notFound();
  const snap = await publicSnapshot(period.key);
  if (!snap) return notFound();
  const rows = snapshotRows(HOME_PROVINCE, PROVINCE_NAME, period, snap.payload);
  const headers: Record<string, string> = {
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Content-Disposition": `attachment; filename="lai-chau-cong-khai-${wanted.key}${wanted.format === "vi.csv" ? "-vi.csv" : `.${wanted.format}`}"`,
    ETag: `"pv${state.version}-${wanted.key}-${wanted.format}"`,
  };
  if (wanted.format !== "xlsx") {
    return new Response(publicCsv(rows, wanted.format === "vi.csv" ? "vi" : "std"), {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" },
    });
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(wanted.key);
  sheet.addRow([...PUBLIC_CSV_COLUMNS.vi]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([
      r.provinceCode,
      r.unitCode,
      r.unitName,
      r.period,
      r.indicatorCode,
      r.indicatorName,
      r.value === null ? null : roundForFile(r.value),
      r.unit,
    ]);
  }
  const info = workbook.addWorksheet("Nguồn");
  info.addRow(["Số liệu công khai của tỉnh Lai Châu, kỳ", wanted.key]);
  info.addRow(["Công bố ngày", formatDateVi(snap.publishedAt)]);
  info.addRow(["Xã, phường có số liệu", `${snap.payload.reported.length}/${snap.payload.units.length}`]);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
