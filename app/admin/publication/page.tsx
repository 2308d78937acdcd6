/**
 * "Công bố số liệu" (issue 26): administrators and province accounts publish approved months to the public view
 * (/cong-khai), lock and publish in one step, or withdraw; `?preview=YYYY-MM` shows exactly what publishing a month
 * would make public. Administrators turn the public view on and off. Every action is an audit row.
 */
import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { Headline, RankingChart, T, UnitTable } from "@/components/public/public-views";
import { requireViewer } from "@/lib/auth/viewer";
import { listMonthPublications, previewPublication } from "@/lib/data/publication";
import { formatDateVi } from "@/lib/domain/format";
import { getIndicator } from "@/lib/domain/indicators";
import { canPublish, canSwitchPublicView } from "@/lib/domain/permissions";
import { formatPeriodVi, isPeriod } from "@/lib/domain/periods";
import { coverageLine } from "@/lib/domain/public-view";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/domain/format";
import { publishMonthAction, setPublicViewAction, withdrawMonthAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("publication"))("title") };
}

export default async function PublicationPage({
  searchParams,
}: {
  searchParams: Promise<{ preview?: string | string[] }>;
}) {
  await connection();
  const viewer = await requireViewer();
  const tp = await getTranslations("publication");
  const td = await getTranslations("dataErrors");
  const locale = (await getLocale()) as Locale;
  if (!canPublish(viewer)) return <p>{tp("notAllowed")}</p>;
  const q = await searchParams;
  const previewMonth = typeof q.preview === "string" && isPeriod(q.preview) ? q.preview : null;
  const [{ enabled, months }, preview] = await Promise.all([
    listMonthPublications(viewer),
    previewMonth ? previewPublication(viewer, { period: previewMonth }) : Promise.resolve(null),
  ]);
  const t = T[locale];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{tp("title")}</h1>
      <p className="text-sm">{tp.rich("intro", { link: (chunks) => <a href="/cong-khai">{chunks}</a> })}</p>
      <section className="space-y-2 rounded border p-3" aria-labelledby="switch">
        <h2 id="switch" className="font-semibold">
          {enabled ? tp("switchOn") : tp("switchOff")}
        </h2>
        {canSwitchPublicView(viewer) ? (
          <ActionForm action={setPublicViewAction} testId="public-switch">
            <input type="hidden" name="enabled" value={enabled ? "0" : "1"} />
            <button type="submit" className="rounded border px-3 py-1">
              {enabled ? tp("turnOff") : tp("turnOn")}
            </button>
          </ActionForm>
        ) : (
          <p className="text-sm">{tp("adminOnly")}</p>
        )}
      </section>
      {preview && (
        <section
          className="space-y-2 rounded border border-amber-600 p-3"
          aria-labelledby="preview"
          data-testid="preview"
        >
          <h2 id="preview" className="font-semibold">
            {tp("previewHeading", { month: formatPeriodVi(preview.period) })}
          </h2>
          <p className="text-sm">{coverageLine(preview.payload, locale)}</p>
          {preview.problems.length > 0 && (
            <ul className="text-sm text-red-800">
              {preview.refusals.map((r) => (
                <li key={r.rule}>{td(`publish.${r.rule}`, r.values)}</li>
              ))}
            </ul>
          )}
          <Headline payload={preview.payload} locale={locale} />
          <RankingChart
            payload={preview.payload}
            indicator={getIndicator("proc_on_time_rate")}
            locale={locale}
            t={t}
            title={t.ranking}
          />
          <details>
            <summary className="cursor-pointer underline">{tp("perUnit")}</summary>
            {preview.payload.units.map((u) => (
              <details key={u.code} className="ml-3">
                <summary>{u.nameVi}</summary>
                <UnitTable payload={preview.payload} code={u.code} locale={locale} t={t} />
              </details>
            ))}
          </details>
        </section>
      )}
      <DataTable
        testId="publication-table"
        caption={tp("title")}
        rows={months}
        rowKey={(m) => m.period}
        rowTestId={(m) => `month-${m.period}`}
        columns={[
          { key: "month", header: tp("colMonth"), rowHeader: true, cell: (m) => formatPeriodVi(m.period) },
          {
            key: "approved",
            header: tp("colApproved"),
            cell: (m) => (
              <>
                {m.approved}/{m.expected}
                {m.awaitingApproval > 0 ? tp("awaiting", { n: m.awaitingApproval }) : ""}
              </>
            ),
          },
          {
            key: "status",
            header: tp("colStatus"),
            cell: (m) => (
              <>
                {m.published ? tp("published", { date: formatDateVi(m.publishedAt!) }) : tp("notPublished")}
                {m.locked ? tp("locked") : ""}
                {!m.published && m.problems.length > 0 && (
                  <ul className="text-red-800">
                    {m.refusals.map((r) => (
                      <li key={r.rule}>{td(`publish.${r.rule}`, r.values)}</li>
                    ))}
                  </ul>
                )}
              </>
            ),
          },
          {
            key: "actions",
            header: tp("colActions"),
            cellClassName: () => "space-y-1",
            cell: (m) => (
              <>
                <a href={`/admin/publication?preview=${m.period}`}>{tp("preview")}</a>
                {m.published ? (
                  <ActionForm action={withdrawMonthAction}>
                    <input type="hidden" name="period" value={m.period} />
                    <label className="block">
                      {tp("reason")} <input name="reason" maxLength={3000} className="rounded border px-1" />
                    </label>
                    <button type="submit" className="rounded border px-2 py-0.5">
                      {tp("withdraw")}
                    </button>
                  </ActionForm>
                ) : (
                  m.problems.length === 0 &&
                  // Publish, and (while the month is open) lock and publish in one step.
                  (m.locked ? ["0"] : ["0", "1"]).map((lock) => (
                    <ActionForm key={lock} action={publishMonthAction}>
                      <input type="hidden" name="period" value={m.period} />
                      <input type="hidden" name="lock" value={lock} />
                      <button type="submit" className="rounded border px-2 py-0.5">
                        {lock === "1" ? tp("lockAndPublish") : tp("publish")}
                      </button>
                    </ActionForm>
                  ))
                )}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
