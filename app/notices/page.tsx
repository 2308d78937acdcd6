import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi } from "@/lib/domain/format";
import { MAX_NOTICES_PAGE, type NoticeFacts, bellCountText, noticeLink, parseNoticesPage } from "@/lib/domain/notices";
import { reportDeadline, formatPeriodVi } from "@/lib/domain/periods";
import { formatDateVi } from "@/lib/domain/format";
import { getTranslations } from "next-intl/server";
import { listNotices } from "@/lib/data/notices";
import { markNoticeReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notices"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** A notice's one-line summary in the reader's language (e-mails keep lib/domain/notices' Vietnamese wording). */
function headline(t: Translate, n: NoticeFacts): string {
  const deadline = formatDateVi(reportDeadline(n.period));
  const who = n.comment ?? t("headline.lateSome");
  return t(`headline.${n.kind}`, { commune: n.communeName, month: formatPeriodVi(n.period), deadline, who });
}

const button = "rounded border border-slate-400 bg-white px-3 py-1 text-sm hover:bg-slate-50";

/** The viewer's notices, newest first, 20 a page; unread ones marked "Mới", each can be marked read. */
export default async function NoticesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("notices");
  const asked = parseNoticesPage((await searchParams).page);
  const { items, page, pages, unread } = await listNotices(viewer, { page: asked.page });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {asked.error && (
        <p role="alert" className="text-red-800">
          {t("pageError", { max: MAX_NOTICES_PAGE })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <p data-testid="notices-unread">
          {unread > 0 ? t("unread", { count: bellCountText(unread) }) : t("noneUnread")}
        </p>
        {unread > 0 && (
          <ActionForm action={markNoticeReadAction}>
            <input type="hidden" name="all" value="1" />
            <button type="submit" className={button}>
              {t("markAll")}
            </button>
          </ActionForm>
        )}
      </div>
      {items.length === 0 ? (
        <p>{t("empty")}</p>
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
                  <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-950">{t("new")}</span>
                )}
                <span className="text-sm text-slate-700">
                  {t(`kind.${n.kind}`)} · {formatDateTimeVi(n.createdAt)}
                </span>
              </div>
              <p className={`mt-1 ${n.readAt ? "" : "font-semibold"}`}>
                <a href={noticeLink(n)}>{headline(t, n)}</a>
              </p>
              {n.comment && (
                <p className="mt-1 text-amber-950" data-testid="notice-comment">
                  {t("provinceComment", { comment: n.comment })}
                </p>
              )}
              {!n.readAt && (
                <ActionForm action={markNoticeReadAction} className="mt-2">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className={button}>
                    {t("markRead")}
                  </button>
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label={t("pagesLabel")} className="flex items-center gap-4">
          {page > 1 && <a href={`/notices?page=${page - 1}`}>{t("newer")}</a>}
          <span>{t("page", { page, pages })}</span>
          {page < pages && <a href={`/notices?page=${page + 1}`}>{t("older")}</a>}
        </nav>
      )}
    </div>
  );
}
