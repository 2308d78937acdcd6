import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { getUi } from "@/i18n/server";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi } from "@/lib/domain/format";
import { canReadAudit } from "@/lib/domain/permissions";
import { REFORM_START, formatPeriodVi, isPeriod, periodsInRange } from "@/lib/domain/periods";
import { type SearchParams, parseSort } from "@/lib/domain/range-query";
import { auditUserOptions, readAuditLog } from "@/lib/data/audit";
import { auditFieldLabel, auditValueText } from "@/lib/domain/audit-words";
import { ENTERED_COMPONENTS } from "@/lib/domain/index766";
import { findIndicator } from "@/lib/domain/indicators";
import { listCommunes } from "@/lib/data/org-units";
import { latestOpenPeriod } from "@/lib/data/reports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const PAGE_SIZE = 100;
/** The shown page's rows sort by these (the log itself pages newest first). */
const SORT_COLUMNS = ["at", "who", "action"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("audit");
  if (!canReadAudit(viewer)) {
    return <p>{t("denied")}</p>;
  }
  const ui = await getUi();
  const tStatus = await getTranslations("status");
  const tRoles = await getTranslations("roles");
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const q = { commune: one("commune"), period: one("period"), user: one("user"), before: one("before") };
  const communeId = q.commune && /^\d+$/.test(q.commune) ? Number(q.commune) : null;
  const period = isPeriod(q.period) ? q.period : null;
  const userId = q.user || null;
  const [rows, communes, users] = await Promise.all([
    readAuditLog(viewer, { communeId, period, userId, beforeId: q.before ?? null, limit: PAGE_SIZE }),
    listCommunes("12"),
    auditUserOptions(viewer),
  ]);
  const next = rows.length === PAGE_SIZE ? rows[rows.length - 1]!.id : null;
  const query = new URLSearchParams(
    Object.entries({ commune: q.commune ?? "", period: q.period ?? "", user: q.user ?? "" }).filter(([, v]) => v),
  );
  type Row = (typeof rows)[number];

  const actionLabel = (action: string) => {
    const key = `actions.${action.replaceAll(".", "_")}`;
    return t.has(key) ? t(key) : action;
  };
  // In Vietnamese, the domain's words (lib/domain/audit-words, also those of the exports); in English the catalogue's.
  const fieldLabel = (field: string) => {
    if (ui.locale === "vi") return auditFieldLabel(field);
    const component = ENTERED_COMPONENTS.find((c) => c.key === field);
    if (component) return t("index766", { component: component.id });
    if (t.has(`fields.${field}`)) return t(`fields.${field}`);
    return findIndicator(field)?.nameEn ?? field;
  };
  const valueText = (field: string, value: unknown) => {
    if (ui.locale === "vi" || value === null || value === undefined || value === "")
      return auditValueText(field, value);
    if (field === "status" && typeof value === "string" && tStatus.has(value)) return tStatus(value);
    if (field === "role" && typeof value === "string" && tRoles.has(value)) return tRoles(value);
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number") return value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
    return auditValueText(field, value);
  };

  // Newest first unless asked otherwise, as the log is read and paged.
  const sort = params.sort ? parseSort(params, SORT_COLUMNS, "at") : { column: "at" as const, descending: true };
  const sortValue: Record<(typeof SORT_COLUMNS)[number], (r: Row) => string> = {
    at: (r) => r.at.toISOString(),
    who: (r) => r.username ?? "",
    action: (r) => actionLabel(r.action),
  };
  const by = sortValue[sort.column];
  const sorted = [...rows].sort((a, b) => {
    const c = by(a).localeCompare(by(b), ui.locale) || a.id.localeCompare(b.id, "en", { numeric: true });
    return sort.descending ? -c : c;
  });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <label className="flex flex-col text-sm">
          {t("commune")}
          <select
            name="commune"
            defaultValue={q.commune ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">{t("all")}</option>
            {communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("month")}
          <select
            name="period"
            defaultValue={period ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">{t("all")}</option>
            {periodsInRange(REFORM_START, latestOpenPeriod())
              .reverse()
              .map((p) => (
                <option key={p} value={p}>
                  {formatPeriodVi(p)}
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("user")}
          <select
            name="user"
            defaultValue={userId ?? ""}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
          >
            <option value="">{t("all")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-white">
          {t("filter")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p data-testid="audit-empty">{t("none")}</p>
      ) : (
        <DataTable<Row>
          testId="audit-table"
          caption={t("caption")}
          rows={sorted}
          rowKey={(r) => r.id}
          sort={{
            current: sort,
            path: "/audit",
            params,
            labels: { ascending: t("ascending"), descending: t("descending") },
          }}
          columns={[
            {
              key: "at",
              header: t("at"),
              sortKey: "at",
              cell: (r) => formatDateTimeVi(r.at),
              cellClassName: () => "whitespace-nowrap",
            },
            { key: "who", header: t("who"), sortKey: "who", cell: (r) => r.username ?? "—" },
            { key: "action", header: t("action"), sortKey: "action", cell: (r) => actionLabel(r.action) },
            {
              key: "where",
              header: t("where"),
              cell: (r) => [r.commune, r.period && formatPeriodVi(r.period)].filter(Boolean).join(" · ") || "—",
            },
            {
              key: "changes",
              header: t("changes"),
              cell: (r) =>
                r.changes && Object.keys(r.changes).length > 0 ? (
                  <ul>
                    {Object.entries(r.changes).map(([k, c]) => (
                      <li key={k}>
                        {fieldLabel(k)}: {valueText(k, c.old)} → {valueText(k, c.new)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                ),
            },
            { key: "reason", header: t("reason"), cell: (r) => r.reason ?? "" },
          ]}
        />
      )}
      {next && (
        <p>
          <a href={`/audit?${query.toString()}${query.size ? "&" : ""}before=${next}`}>{t("older")}</a>
        </p>
      )}
    </div>
  );
}
