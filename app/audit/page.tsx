import type { Metadata } from "next";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi } from "@/lib/domain/format";
import { canReadAudit } from "@/lib/domain/permissions";
import { REFORM_START, formatPeriodVi, isPeriod, periodsInRange } from "@/lib/domain/periods";
import { auditUserOptions, readAuditLog } from "@/lib/data/audit";
import { auditActionLabel, auditFieldLabel, auditValueText } from "@/lib/domain/audit-words";
import { listCommunes } from "@/lib/data/org-units";
import { latestOpenPeriod } from "@/lib/data/reports";

export const metadata: Metadata = { title: "Nhật ký thay đổi" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ commune?: string; period?: string; user?: string; before?: string }>;
}) {
  await connection();
  const viewer = await requireViewer();
  if (!canReadAudit(viewer)) {
    return <p>Chỉ quản trị hệ thống và cán bộ tỉnh xem được nhật ký thay đổi.</p>;
  }
  const q = await searchParams;
  const communeId = q.commune && /^\d+$/.test(q.commune) ? Number(q.commune) : null;
  const period = isPeriod(q.period) ? q.period : null;
  const userId = q.user || null;
  const [rows, communes, users] = await Promise.all([
    readAuditLog(viewer, { communeId, period, userId, beforeId: q.before ?? null, limit: 100 }),
    listCommunes("12"),
    auditUserOptions(viewer),
  ]);
  const next = rows.length === 100 ? rows[rows.length - 1]!.id : null;
  const params = new URLSearchParams(
    Object.entries({ commune: q.commune ?? "", period: q.period ?? "", user: q.user ?? "" }).filter(([, v]) => v),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Nhật ký thay đổi</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Lọc nhật ký">
        <label className="flex flex-col text-sm">
          Xã, phường
          <select
            name="commune"
            defaultValue={q.commune ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">Tất cả</option>
            {communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Tháng
          <select
            name="period"
            defaultValue={period ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">Tất cả</option>
            {periodsInRange(REFORM_START, latestOpenPeriod())
              .reverse()
              .map((p) => (
                <option key={p} value={p}>
                  {formatPeriodVi(p)}
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Người thực hiện
          <select
            name="user"
            defaultValue={userId ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">Tất cả</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-white">
          Lọc
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] border-collapse bg-white text-sm" data-testid="audit-table">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">Thời gian</th>
              <th className="p-2">Người</th>
              <th className="p-2">Thao tác</th>
              <th className="p-2">Xã, phường / tháng</th>
              <th className="p-2">Thay đổi (cũ → mới)</th>
              <th className="p-2">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-2">
                  Không có dòng nào.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap p-2">{formatDateTimeVi(r.at)}</td>
                <td className="p-2">{r.username ?? "—"}</td>
                <td className="p-2">{auditActionLabel(r.action)}</td>
                <td className="p-2">
                  {[r.commune, r.period && formatPeriodVi(r.period)].filter(Boolean).join(" · ") || "—"}
                </td>
                <td className="p-2">
                  {r.changes && Object.keys(r.changes).length > 0 ? (
                    <ul>
                      {Object.entries(r.changes).map(([k, c]) => (
                        <li key={k}>
                          {auditFieldLabel(k)}: {auditValueText(k, c.old)} → {auditValueText(k, c.new)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2">{r.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <p>
          <a href={`/audit?${params.toString()}${params.size ? "&" : ""}before=${next}`}>Xem các dòng cũ hơn →</a>
        </p>
      )}
    </div>
  );
}
