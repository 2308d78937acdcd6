import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { MonthOptions } from "@/components/select-options";
import { StatusBadge } from "@/components/status-badge";
import { WarningNote } from "@/components/warning-note";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi, formatInteger } from "@/lib/domain/format";
import { rawIndicator } from "@/lib/domain/indicators";
import { canReview } from "@/lib/domain/permissions";
import {
  REFORM_START,
  daysUntilDeadline,
  formatPeriodVi,
  isPeriod,
  lastFullMonth,
  periodsInRange,
  reportDeadline,
  reportingPhase,
} from "@/lib/domain/periods";
import { formatDateVi } from "@/lib/domain/format";
import { type QueueItem, approvalQueue, latestOpenPeriod } from "@/lib/data/reports";
import { approveAction, bulkApproveAction, lockAction, reopenAction, returnAction } from "./actions";
import { now } from "@/lib/clock";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/domain/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("approval"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

function ReviewCard({ item, locked, t, locale }: { item: QueueItem; locked: boolean; t: Translate; locale: Locale }) {
  const show = (v: number | null) => (v == null ? "—" : formatInteger(v, locale));
  const name = (code: Parameters<typeof rawIndicator>[0]) =>
    locale === "en" ? rawIndicator(code).nameEn : rawIndicator(code).nameVi;
  return (
    <article
      id={`report-${item.commune.code}`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={`report-${item.commune.code}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{item.commune.name}</h3>
        <StatusBadge status={item.status} />
        {item.submittedAt && (
          <span className="text-sm text-slate-700">
            {t("submittedAt", { time: formatDateTimeVi(item.submittedAt) })}
            {item.onTime === false && <span className="text-red-800">{t("late")}</span>}
          </span>
        )}
      </div>
      {item.errors.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-800">
          {item.errors.map((e) => (
            <li key={e.key}>{e.message}</li>
          ))}
        </ul>
      )}
      {item.warnings.length > 0 ? (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="warnings">
          <p className="font-medium">{t("warnings", { n: item.warnings.length })}</p>
          <ul className="list-disc pl-5">
            {item.warnings.map((w) => (
              <li key={w.key}>{w.message}</li>
            ))}
          </ul>
          <WarningNote note={item.warningNote} />
        </div>
      ) : (
        item.status === "SUBMITTED" && <p className="mt-2 text-sm text-emerald-800">{t("noWarnings")}</p>
      )}
      {item.sinceReturn && (
        <div className="mt-2 rounded border border-sky-300 bg-sky-50 p-2 text-sm" data-testid="since-return">
          <p className="font-medium">
            {item.sinceReturn.length > 0
              ? t("changedSinceReturn", { n: item.sinceReturn.length })
              : t("unchangedSinceReturn")}
          </p>
          {item.sinceReturn.length > 0 && (
            <ul className="list-disc pl-5">
              {item.sinceReturn.map((c) => (
                <li key={c.field}>
                  {name(c.field)}: {show(c.returned)} → <strong>{show(c.current)}</strong>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {item.changes.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">{t("changes", { n: item.changes.length })}</summary>
          <DataTable
            className="mt-1"
            caption={t("changes", { n: item.changes.length })}
            rows={item.changes}
            rowKey={(c) => c.field}
            columns={[
              { key: "indicator", header: t("colIndicator"), rowHeader: true, cell: (c) => name(c.field) },
              { key: "previous", header: t("colPrevious"), numeric: true, cell: (c) => show(c.previous) },
              { key: "current", header: t("colCurrent"), numeric: true, cell: (c) => show(c.current) },
            ]}
          />
        </details>
      )}
      {item.returnComment && item.status !== "APPROVED" && (
        <p className="mt-2 text-sm text-amber-900">{t("returnComment", { comment: item.returnComment })}</p>
      )}
      {!locked && item.reportId !== null && item.status === "SUBMITTED" && (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          <ActionForm action={approveAction}>
            <input type="hidden" name="reportId" value={item.reportId} />
            <input type="hidden" name="version" value={item.version} />
            <button type="submit" className="rounded bg-emerald-700 px-3 py-1.5 text-white hover:bg-emerald-800">
              {t("approve")}
            </button>
          </ActionForm>
          <details>
            <summary className="cursor-pointer rounded border border-amber-600 px-3 py-1.5 text-amber-900">
              {t("return")}
            </summary>
            <ActionForm action={returnAction} className="mt-2 space-y-2">
              <input type="hidden" name="reportId" value={item.reportId} />
              <input type="hidden" name="version" value={item.version} />
              <label className="block text-sm" htmlFor={`comment-${item.reportId}`}>
                {t("returnReason")}
              </label>
              <textarea
                id={`comment-${item.reportId}`}
                name="comment"
                required
                rows={2}
                className="w-full min-w-64 rounded border border-slate-400 p-2"
              />
              <button type="submit" className="rounded bg-amber-700 px-3 py-1.5 text-white hover:bg-amber-800">
                {t("sendReturn")}
              </button>
            </ActionForm>
          </details>
        </div>
      )}
      {!locked && item.reportId !== null && item.status === "APPROVED" && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm">{t("reopen")}</summary>
          <ActionForm action={reopenAction} className="mt-2 space-y-2">
            <input type="hidden" name="reportId" value={item.reportId} />
            <label className="block text-sm" htmlFor={`reason-${item.reportId}`}>
              {t("reopenReason")}
            </label>
            <textarea
              id={`reason-${item.reportId}`}
              name="reason"
              required
              rows={2}
              className="w-full min-w-64 rounded border border-slate-400 p-2"
            />
            <label className="block text-sm">
              {t("reopenTo")}{" "}
              <select name="to" className="rounded border border-slate-400 p-1">
                <option value="RETURNED">{t("toReturned")}</option>
                <option value="DRAFT">{t("toDraft")}</option>
              </select>
            </label>
            <button type="submit" className="rounded bg-slate-700 px-3 py-1.5 text-white">
              {t("reopenSubmit")}
            </button>
          </ActionForm>
        </details>
      )}
    </article>
  );
}

export default async function ApprovalPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("approval");
  const locale = (await getLocale()) as Locale;
  if (!canReview(viewer)) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("notReviewer")}</p>
      </div>
    );
  }
  const { period: asked } = await searchParams;
  const at = now();
  const latest = latestOpenPeriod(at);
  const period = isPeriod(asked) && asked >= REFORM_START && asked <= latest ? asked : lastFullMonth(at);
  // Before the deadline, a report not yet in is not late (SPEC §3: due, not late).
  const overdue = reportingPhase(period, at) === "overdue";
  const queue = await approvalQueue(viewer, { period });
  const waiting = queue.items.filter((i) => i.status === "SUBMITTED");
  const clean = waiting.filter((i) => i.warnings.length === 0 && i.errors.length === 0);
  const withWarnings = waiting.filter((i) => !clean.includes(i));
  const others = queue.items.filter((i) => i.status !== "SUBMITTED");
  const daysLeftText = (days: number) => (days <= 0 ? t("lastDay") : t("daysLeft", { days }));
  const notIn = queue.items.filter((i) => i.status !== "SUBMITTED" && i.status !== "APPROVED").length;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("titleMonth", { month: formatPeriodVi(period) })}</h1>
          <p className="text-slate-700">
            {t("summary", {
              waiting: waiting.length,
              approved: queue.items.filter((i) => i.status === "APPROVED").length,
            })}{" "}
            {overdue ? (
              <span className="text-red-800" data-testid="not-in">
                {t("overdue", { n: notIn })}
              </span>
            ) : (
              <span data-testid="not-in">
                {t("notYetDue", {
                  n: notIn,
                  date: formatDateVi(reportDeadline(period)),
                  daysLeft: daysLeftText(daysUntilDeadline(period, at)),
                })}
              </span>
            )}
            {queue.locked && <strong className="ml-2 text-red-800">{t("locked")}</strong>}
          </p>
        </div>
        <form method="get" className="flex items-end gap-2">
          <label className="flex flex-col text-sm">
            {t("month")}
            <select
              name="period"
              defaultValue={period}
              className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
            >
              <MonthOptions months={periodsInRange(REFORM_START, latest).reverse()} />
            </select>
          </label>
          <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-white">
            {t("show")}
          </button>
        </form>
      </div>

      <div className="flex flex-wrap items-start gap-4">
        {!queue.locked && clean.length > 0 && (
          <ActionForm action={bulkApproveAction} testId="bulk-approve">
            <input type="hidden" name="period" value={period} />
            <button type="submit" className="rounded bg-emerald-700 px-3 py-1.5 text-white hover:bg-emerald-800">
              {t("bulkApprove", { n: clean.length })}
            </button>
          </ActionForm>
        )}
        {withWarnings.length > 0 && (
          <details className="max-w-xl text-sm" data-testid="bulk-skipped">
            <summary className="cursor-pointer">{t("bulkSkipped", { n: withWarnings.length })}</summary>
            <ul className="mt-1 space-y-1">
              {withWarnings.map((i) => (
                <li key={i.commune.id}>
                  <a href={`#report-${i.commune.code}`} className="text-sky-800 underline">
                    {i.commune.name}
                  </a>
                  : {i.warnings.map((w) => w.message).join("; ")}
                  <WarningNote note={i.warningNote} />
                </li>
              ))}
            </ul>
          </details>
        )}
        <ActionForm action={lockAction} testId="lock-form" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="period" value={period} />
          <input type="hidden" name="lock" value={queue.locked ? "0" : "1"} />
          <label className="flex flex-col text-sm">
            {t("lockReason")}
            <input name="reason" className="mt-1 rounded border border-slate-400 px-2 py-1" />
          </label>
          <button type="submit" className="rounded border border-slate-500 bg-white px-3 py-1.5">
            {queue.locked ? t("unlockMonth") : t("lockMonth")}
          </button>
        </ActionForm>
      </div>

      <section aria-labelledby="waiting" className="space-y-3">
        <h2 id="waiting" className="text-lg font-semibold">
          {t("waiting", { n: waiting.length })}
        </h2>
        {waiting.length === 0 && <p>{t("noneWaiting")}</p>}
        {waiting.map((item) => (
          <ReviewCard key={item.commune.id} item={item} locked={queue.locked} t={t} locale={locale} />
        ))}
      </section>

      <section aria-labelledby="others" className="space-y-3">
        <h2 id="others" className="text-lg font-semibold">
          {t("others")}
        </h2>
        {others.map((item) => (
          <ReviewCard key={item.commune.id} item={item} locked={queue.locked} t={t} locale={locale} />
        ))}
      </section>
    </div>
  );
}
