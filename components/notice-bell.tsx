import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { bellCountText } from "@/lib/domain/notices";
import { unreadNotices } from "@/lib/data/notices";
import { Slot } from "@/components/page-slot";
import { NOTICE_COUNT_CLASS } from "@/lib/web/shared-page";

/**
 * The bell in the header: a link to /notices with the viewer's unread count, rendered on the server (no JavaScript).
 * In a page kept for every reader of the same scope (`shared`) the count is a slot, which the server fills for each
 * reader from their bell as read with their session (lib/web/shared-page.ts noticeCountHtml writes the same element),
 * so a cached page never shows a stale or another user's bell.
 */
export async function NoticeBell({ viewer, current, shared }: { viewer: Viewer; current: boolean; shared: boolean }) {
  const t = await getTranslations("nav");
  const unread = shared ? 0 : await unreadNotices(viewer);
  return (
    <a
      href="/notices"
      aria-current={current ? "page" : undefined}
      data-testid="notice-bell"
      className="flex min-h-11 min-w-11 shrink-0 items-center justify-center gap-1 rounded border border-white/60 px-2 text-sm text-white no-underline hover:bg-white/10"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span className="sr-only">{t("notices")} </span>
      <Slot name="bell" shared={shared}>
        {unread > 0 && (
          <span className={NOTICE_COUNT_CLASS} data-testid="notice-count">
            {bellCountText(unread)}
            <span className="sr-only"> {t("unread")}</span>
          </span>
        )}
      </Slot>
    </a>
  );
}
