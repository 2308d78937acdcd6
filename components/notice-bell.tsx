import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { bellCountText } from "@/lib/domain/notices";
import { unreadNotices } from "@/lib/data/notices";

/**
 * The bell in the header: a link to /notices with the viewer's unread count, rendered on the server (no JavaScript).
 * The page cache keys every page on the same count (lib/data/notice-scope.ts), so a cached page never shows a stale or
 * another user's bell.
 */
export async function NoticeBell({ viewer, current }: { viewer: Viewer; current: boolean }) {
  const t = await getTranslations("nav");
  const unread = await unreadNotices(viewer);
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
      {unread > 0 && (
        <span
          className="rounded-full bg-amber-300 px-1.5 text-xs font-bold leading-5 text-slate-900"
          data-testid="notice-count"
        >
          {bellCountText(unread)}
          <span className="sr-only"> {t("unread")}</span>
        </span>
      )}
    </a>
  );
}
