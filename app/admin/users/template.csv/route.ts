/** GET /admin/users/template.csv: the staff list template, one row per commune of the province (administrators only). */
import { getViewer } from "@/lib/auth/viewer";
import { listCommunes } from "@/lib/data/org-units";
import { canManageUsers } from "@/lib/domain/permissions";
import { staffListTemplate } from "@/lib/domain/staff-list";
import { PROVINCE } from "@/lib/web/page-context";

export const dynamic = "force-dynamic";

const csvCell = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer || viewer.mustChangePassword || !canManageUsers(viewer))
    return new Response("Không tìm thấy.", { status: 404 });
  const communes = await listCommunes(PROVINCE);
  const rows = staffListTemplate(communes).map((r, i) =>
    i === 0 ? [...r, "Tên xã, phường (để đối chiếu)"] : [...r, communes[i - 1]!.fullName],
  );
  const body = `\ufeff${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="danh-sach-can-bo-mau.csv"',
      "Cache-Control": "no-store",
    },
  });
}
