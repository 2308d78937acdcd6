"use client";

/**
 * The staff list upload on /admin/users: check first (every row, its errors with the row number, what would change),
 * then create and update all accounts at once; the new accounts' activation slips are shown once, one to a page when
 * printed.
 */
import { type FormEvent, startTransition, useActionState, useRef } from "react";
import { useTranslations } from "next-intl";
import type { StaffListState } from "@/app/admin/users/actions";
import { SlipView } from "./account-code-form";
import { DataTable } from "./data-table";

export function StaffListForm({
  action,
  address,
}: {
  action: (s: StaffListState, f: FormData) => Promise<StaffListState>;
  address: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  const t = useTranslations("staffListForm");
  const roles = useTranslations("roles");
  const form = useRef<HTMLFormElement>(null);
  const plan = state.plan;
  // Sent from here so that the chosen file stays chosen between "Kiểm tra" and the commit.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
  return (
    <div className="space-y-3">
      <form
        ref={form}
        action={formAction}
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-2"
        data-testid="staff-list-form"
      >
        <div>
          <label htmlFor="staff-file" className="block text-sm font-medium">
            {t("file")}
          </label>
          <input
            id="staff-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 text-sm"
          />
        </div>
        <button
          type="submit"
          name="mode"
          value="dry"
          disabled={pending}
          className="rounded border border-slate-400 px-3 py-2"
        >
          {t("check")}
        </button>
        <button
          type="submit"
          name="mode"
          value="commit"
          disabled={pending || !state.ok || state.committed}
          className="rounded bg-brand-800 px-3 py-2 font-medium text-white disabled:opacity-50"
        >
          {t("commit")}
        </button>
        {pending && (
          <span role="status" className="text-sm">
            {t("working")}
          </span>
        )}
      </form>
      {state.message && (
        <p
          role={state.ok ? "status" : "alert"}
          data-testid="staff-list-message"
          className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}
        >
          {state.message}
        </p>
      )}
      {plan && plan.problems.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-red-900" data-testid="staff-list-problems">
          {plan.problems.slice(0, 200).map((p) => (
            <li key={`${p.line}-${p.message}`}>{t("problem", { line: p.line, message: p.message })}</li>
          ))}
        </ul>
      )}
      {plan && plan.rows.length > 0 && !state.committed && (
        <DataTable
          testId="staff-list-plan"
          className="max-h-96 overflow-y-auto"
          caption={t("caption")}
          rows={plan.rows}
          rowKey={(r) => String(r.line)}
          columns={[
            { key: "line", header: t("colLine"), numeric: true, cell: (r) => r.line },
            { key: "username", header: t("colUsername"), cell: (r) => r.username, cellClassName: () => "font-mono" },
            { key: "name", header: t("colName"), cell: (r) => r.name },
            { key: "commune", header: t("colCommune"), cell: (r) => r.communeName ?? "—" },
            {
              key: "outcome",
              header: t("colOutcome"),
              cell: (r) => {
                const changes = r.changeWordings.map((c) =>
                  c.rule === "role"
                    ? t("change.role", { from: roles(c.values.from), to: roles(c.values.to) })
                    : t(`change.${c.rule}`, c.values),
                );
                return `${t(`action.${r.action}`)}${changes.length ? `: ${changes.join("; ")}` : ""}`;
              },
            },
          ]}
        />
      )}
      {state.slips && state.slips.length > 0 && (
        <div className="space-y-3" data-testid="staff-list-slips">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded bg-brand-800 px-3 py-2 font-medium text-white print:hidden"
          >
            {t("printAll", { n: state.slips.length })}
          </button>
          {state.slips.map((slip) => (
            <SlipView key={slip.username} slip={slip} address={address} />
          ))}
        </div>
      )}
    </div>
  );
}
