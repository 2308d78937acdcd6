import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi } from "@/lib/domain/format";
import {
  NOTICE_KIND_LABEL_VI,
  bellCountText,
  noticeHeadline,
  noticeLink,
  parseNoticesPage,
} from "@/lib/domain/notices";
import { listNotices } from "@/lib/data/notices";
import { markNoticeReadAction } from "./actions";

export const metadata: Metadata = { title: "Thông báo" };

const button = "rounded border border-slate-400 bg-white px-3 py-1 text-sm hover:bg-slate-50";

/** The viewer's notices, newest first, 20 a page; unread ones marked "Mới", each can be marked read. */
export default async function NoticesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const viewer = await requireViewer();
  const asked = parseNoticesPage((await searchParams).page);
  const { items, page, pages, unread } = await listNotices(viewer, { page: asked.page });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Thông báo</h1>
      {asked.error && (
        <p role="alert" className="text-red-800">
          {asked.error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <p data-testid="notices-unread">
          {unread > 0 ? `${bellCountText(unread)} thông báo chưa đọc.` : "Không có thông báo chưa đọc."}
        </p>
        {unread > 0 && (
          <ActionForm action={markNoticeReadAction}>
            <input type="hidden" name="all" value="1" />
            <button type="submit" className={button}>
              Đánh dấu tất cả là đã đọc
            </button>
          </ActionForm>
        )}
      </div>
      {items.length === 0 ? (
        <p>
          Chưa có thông báo nào. Xã, phường nhận thông báo khi tỉnh trả lại hoặc duyệt báo cáo của mình; cán bộ tỉnh
          nhận thông báo khi xã, phường nộp báo cáo.
        </p>
      ) : (
        <ol className="space-y-3" data-testid="notices">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid={`notice-${n.id}`}
              className={`rounded-lg border bg-white p-3 shadow-sm ${n.readAt ? "border-slate-200" : "border-amber-400 border-l-4"}`}
            >
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                {!n.readAt && (
                  <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-950">Mới</span>
                )}
                <span className="text-sm text-slate-700">
                  {NOTICE_KIND_LABEL_VI[n.kind]} · {formatDateTimeVi(n.createdAt)}
                </span>
              </div>
              <p className={`mt-1 ${n.readAt ? "" : "font-semibold"}`}>
                <a href={noticeLink(n)}>{noticeHeadline(n)}</a>
              </p>
              {n.comment && (
                <p className="mt-1 text-amber-950" data-testid="notice-comment">
                  Ý kiến của tỉnh: {n.comment}
                </p>
              )}
              {!n.readAt && (
                <ActionForm action={markNoticeReadAction} className="mt-2">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className={button}>
                    Đánh dấu đã đọc
                  </button>
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label="Trang thông báo" className="flex items-center gap-4">
          {page > 1 && <a href={`/notices?page=${page - 1}`}>← Mới hơn</a>}
          <span>
            Trang {page}/{pages}
          </span>
          {page < pages && <a href={`/notices?page=${page + 1}`}>Cũ hơn →</a>}
        </nav>
      )}
    </div>
  );
}
