import type { Metadata } from "next";
import { connection } from "next/server";
import { DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi, formatDateVi } from "@/lib/domain/format";
import { formatPeriodVi } from "@/lib/domain/periods";
import { templateHref } from "@/lib/domain/import/template";
import { listCommuneMonths, recentDecisions } from "@/lib/data/reports";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("entry"))("title") };
}

/** "report.approve" → "approve": the catalogue names each decision the province can take. */
const decisionKey = (action: string) => action.slice("report.".length) as "approve" | "return" | "reopen";

export default async function EntryPage() {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("entry");
  if (viewer.role !== "COMMUNE" || viewer.orgUnitId === null) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("noCommune")}</p>
        {(viewer.role === "PROVINCE" || viewer.role === "ADMIN") && (
          <p>{t.rich("reviewHint", { link: (chunks) => <a href="/approval">{chunks}</a> })}</p>
        )}
      </div>
    );
  }
  const [{ commune, months, due }, decisions] = await Promise.all([listCommuneMonths(viewer), recentDecisions(viewer)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("titleCommune", { commune: commune.fullName })}</h1>
        <p className="text-slate-700">{t("deadlineRule")}</p>
      </div>

      <section aria-labelledby="due-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="due-heading" className="text-lg font-semibold">
          {t("dueHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {t.rich("offlineHint", { link: (chunks) => <a href="/import">{chunks}</a> })}
        </p>
        {due.length === 0 ? (
          <p className="mt-2">{t("nothingDue")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="due-list">
            {due.map((m) => (
              <li key={m.period} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <a href={`/entry/${m.period}`} className="font-medium">
                  {t("monthLink", { month: formatPeriodVi(m.period) })}
                </a>
                <StatusBadge status={m.status} />
                <span className={m.late ? "font-medium text-red-800" : "text-slate-700"}>
                  {t(m.late ? "overdue" : "dueOn", { date: formatDateVi(m.deadline) })}
                </span>
                <a href={templateHref(m.period)} download className="text-sm" data-testid="template-link">
                  {t("template")}
                </a>
                {m.status === "RETURNED" && m.returnComment && (
                  <span className="text-sm text-amber-900">{t("provinceComment", { comment: m.returnComment })}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section
        aria-labelledby="decisions-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id="decisions-heading" className="text-lg font-semibold">
          {t("decisionsHeading")}
        </h2>
        {decisions.length === 0 ? (
          <p className="mt-2">{t("noDecisions", { commune: commune.name })}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="decisions">
            {decisions.map((d) => (
              <li key={d.id} className="py-2">
                <span className="font-medium">{t(`decision.${decisionKey(d.action)}`)}</span>{" "}
                <a href={`/entry/${d.period}`}>{t("decisionMonth", { month: formatPeriodVi(d.period) })}</a>
                <span className="text-sm text-slate-700"> · {formatDateTimeVi(d.at)}</span>
                {d.comment && <p className="text-sm text-amber-900">{t("provinceComment", { comment: d.comment })}</p>}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm">
          <a href="/notices">{t("allNotices")}</a>
        </p>
      </section>

      <section aria-labelledby="months-heading">
        <h2 id="months-heading" className="text-lg font-semibold">
          {t("monthsHeading")}
        </h2>
        <DataTable
          className="mt-2"
          density="roomy"
          rows={months}
          rowKey={(m) => m.period}
          rowTestId={(m) => `month-${m.period}`}
          columns={[
            {
              key: "month",
              header: t("colMonth"),
              rowHeader: true,
              cell: (m) => <a href={`/entry/${m.period}`}>{formatPeriodVi(m.period)}</a>,
            },
            {
              key: "status",
              header: t("colStatus"),
              cell: (m) => (
                <>
                  <StatusBadge status={m.status} />
                  {m.locked && <span className="ml-2 text-xs">{t("locked")}</span>}
                </>
              ),
            },
            { key: "deadline", header: t("colDeadline"), cell: (m) => formatDateVi(m.deadline) },
            {
              key: "submitted",
              header: t("colSubmitted"),
              cell: (m) => (
                <>
                  {m.submittedAt ? formatDateTimeVi(m.submittedAt) : "—"}
                  {m.onTime === false && <span className="ml-1 text-red-800">{t("late")}</span>}
                </>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
