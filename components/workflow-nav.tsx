import type { Viewer } from "@/lib/auth/viewer";
import { canImportSomething, canManageUsers, canReadAudit, canReview } from "@/lib/domain/permissions";

/** Header links to the data entry, approval and administration pages, shown only to roles that may use them. */
export function WorkflowNav({ viewer }: { viewer: Viewer }) {
  const links: { href: string; label: string }[] = [];
  if (viewer.role === "COMMUNE") links.push({ href: "/entry", label: "Nhập số liệu" });
  if (canReview(viewer)) links.push({ href: "/approval", label: "Duyệt báo cáo" });
  if (canReadAudit(viewer)) links.push({ href: "/audit", label: "Nhật ký" });
  if (canManageUsers(viewer)) links.push({ href: "/admin/users", label: "Người dùng" });
  if (canImportSomething(viewer)) links.push({ href: "/import", label: "Nhập từ tệp" });
  links.push({ href: "/export", label: "Xuất dữ liệu" });
  links.push({ href: "/profile", label: "Tài khoản" });
  return (
    <nav aria-label="Nghiệp vụ" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {links.map((l) => <a key={l.href} href={l.href} className="text-white underline-offset-2 hover:underline">{l.label}</a>)}
    </nav>
  );
}
