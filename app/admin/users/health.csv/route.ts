/** GET /admin/users/health.csv?list=KEY: one list of "Tình trạng tài khoản" as CSV (administrators only). */
import { getViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { listCommunes } from "@/lib/data/org-units";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { listUsers } from "@/lib/data/users";
import { accountHealth } from "@/lib/domain/account-health";
import { canManageUsers } from "@/lib/domain/permissions";
import { PROVINCE } from "@/lib/web/page-context";

export const dynamic = "force-dynamic";

const csvCell = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""');

export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer || viewer.mustChangePassword || !canManageUsers(viewer))
    return new Response("Không tìm thấy.", { status: 404 });
  const key = new URL(request.url).searchParams.get("list");
  const [users, communes] = await Promise.all([listUsers(viewer), listCommunes(PROVINCE)]);
  const list = accountHealth(users, communes, now(), await secondFactorRoles()).find((l) => l.key === key);
  if (!list) return new Response("Không có danh sách này.", { status: 404 });
  const body = `\ufeff"${csvCell(list.label)}"\r\n${list.items.map((i) => `"${csvCell(i)}"`).join("\r\n")}\r\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tinh-trang-tai-khoan-${list.key}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
