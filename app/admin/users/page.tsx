import type { Metadata } from "next";
import { connection } from "next/server";
import type { ComponentProps, ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { AccountCodeForm } from "@/components/account-code-form";
import { ClientMessages } from "@/components/client-messages";
import { StaffListForm } from "@/components/staff-list-form";
import { appBaseURL } from "@/lib/auth/origins";
import { requireViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { accountHealth } from "@/lib/domain/account-health";
import { ROLES } from "@/lib/domain/accounts";
import { formatDateTimeVi } from "@/lib/domain/format";
import { canManageUsers } from "@/lib/domain/permissions";
import { currentPeriod, formatPeriodVi } from "@/lib/domain/periods";
import { getTranslations } from "next-intl/server";
import { listCommunes } from "@/lib/data/org-units";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { listUsers } from "@/lib/data/users";
import { PROVINCE } from "@/lib/web/page-context";
import {
  createAccountAction,
  resetAccountAction,
  resetSecondFactorAction,
  setUserDisabledAction,
  staffListAction,
  setUserEmailAction,
  unlockAccountAction,
  updateAccountAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

const input = "rounded border border-slate-400 px-2 py-1";

async function CommuneSelect({
  communes,
  value,
  id,
  label,
}: {
  communes: { code: string; fullName: string }[];
  value?: string | null;
  id?: string;
  label: string;
}) {
  const t = await getTranslations("users");
  return (
    <select id={id} name="commune" defaultValue={value ?? ""} aria-label={id ? undefined : label} className={input}>
      <option value="">{t("noCommune")}</option>
      {communes.map((c) => (
        <option key={c.code} value={c.code}>
          {c.fullName} ({c.code})
        </option>
      ))}
    </select>
  );
}

async function RoleSelect({ value, id, label }: { value?: string; id?: string; label: string }) {
  const t = await getTranslations("roles");
  return (
    <select id={id} name="role" defaultValue={value ?? "COMMUNE"} aria-label={id ? undefined : label} className={input}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(r)}
        </option>
      ))}
    </select>
  );
}

export default async function UsersPage() {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("users");
  if (!canManageUsers(viewer)) return <p>{t("notAdmin")}</p>;
  const [users, communes] = await Promise.all([listUsers(viewer), listCommunes(PROVINCE)]);
  const address = appBaseURL().replace(/\/+$/, "");
  const health = accountHealth(users, communes, now(), await secondFactorRoles());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>

      <section aria-labelledby="create" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="create" className="text-lg font-semibold">
          {t("create")}
        </h2>
        <AccountCodeForm
          printLabel={t("printSlip")}
          action={createAccountAction}
          address={address}
          className="grid gap-3 sm:grid-cols-2"
          testId="create-account-form"
        >
          <div>
            <label htmlFor="new-name" className="block text-sm font-medium">
              {t("name")}
            </label>
            <input id="new-name" name="name" required maxLength={120} className={`${input} w-full`} />
          </div>
          <div>
            <label htmlFor="new-username" className="block text-sm font-medium">
              {t("usernameHint")}
            </label>
            <input
              id="new-username"
              name="username"
              maxLength={40}
              autoCapitalize="none"
              pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{2,39}"
              className={`${input} w-full`}
            />
          </div>
          <div>
            <label htmlFor="new-role" className="block text-sm font-medium">
              {t("role")}
            </label>
            <RoleSelect id="new-role" label={t("role")} />
          </div>
          <div>
            <label htmlFor="new-commune" className="block text-sm font-medium">
              {t("communeHint")}
            </label>
            <CommuneSelect id="new-commune" communes={communes} label={t("commune")} />
          </div>
          <div>
            <label htmlFor="new-email" className="block text-sm font-medium">
              {t("emailHint")}
            </label>
            <input id="new-email" name="email" type="email" maxLength={254} className={`${input} w-full`} />
          </div>
          <div className="flex items-end">
            <button type="submit" className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
              {t("create")}
            </button>
          </div>
        </AccountCodeForm>
      </section>

      <section aria-labelledby="staff-list" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="staff-list" className="text-lg font-semibold">
          {t("staffList")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("staffListHelp")}{" "}
          <a href="/admin/users/template.csv" className="underline">
            {t("staffListTemplate")}
          </a>
        </p>
        <ClientMessages namespaces={["staffListForm"]}>
          <StaffListForm action={staffListAction} address={address} />
        </ClientMessages>
      </section>

      <section aria-labelledby="health" className="space-y-2">
        <h2 id="health" className="text-lg font-semibold">
          {t("health")}
        </h2>
        <ul className="list-disc space-y-1 pl-6 text-sm" data-testid="account-health">
          {health.map((h) => (
            <li key={h.key}>
              <span className="font-medium">
                {t(`healthLabel.${h.key}`, { month: formatPeriodVi(currentPeriod(now())) })}: {h.items.length}
              </span>
              {h.items.length > 0 && (
                <span className="text-slate-700">
                  {" "}
                  — {h.items.slice(0, 12).join(", ")}
                  {h.items.length > 12 ? ", …" : ""}
                </span>
              )}
              {h.items.length > 0 && (
                <>
                  {" "}
                  (
                  <a href={`/admin/users/health.csv?list=${h.key}`} className="underline">
                    {t("downloadList")}
                  </a>
                  )
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <DataTable
        caption={t("caption")}
        rows={users}
        rowKey={(u) => u.id}
        rowTestId={(u) => `user-${u.username}`}
        columns={[
          { key: "username", header: t("colUsername"), cell: (u) => u.username, cellClassName: () => "font-mono" },
          { key: "name", header: t("colName"), cell: (u) => u.name },
          {
            key: "role",
            header: t("colRole"),
            cell: (u) => (
              <ActionForm action={updateAccountAction} className="flex flex-col gap-1">
                <input type="hidden" name="userId" value={u.id} />
                <RoleSelect value={u.role} label={t("roleOf", { user: u.username ?? "" })} />
                <CommuneSelect
                  communes={communes}
                  value={u.communeCode}
                  label={t("communeOf", { user: u.username ?? "" })}
                />
                <button
                  type="submit"
                  className="self-start rounded border border-slate-400 px-2 py-1 hover:bg-slate-50"
                >
                  {t("change")}
                </button>
              </ActionForm>
            ),
          },
          {
            key: "email",
            header: t("colEmail"),
            cell: (u) => (
              <ActionForm action={setUserEmailAction} className="flex flex-wrap items-center gap-1">
                <input type="hidden" name="userId" value={u.id} />
                <input
                  type="email"
                  name="email"
                  required
                  maxLength={254}
                  defaultValue={u.email ?? ""}
                  placeholder={t("emailNone")}
                  aria-label={t("emailOf", { user: u.username ?? u.name })}
                  className="w-52 rounded border border-slate-400 px-2 py-1"
                />
                <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">
                  {t("save")}
                </button>
              </ActionForm>
            ),
          },
          {
            key: "status",
            header: t("colStatus"),
            cell: (u) => (
              <>
                {u.disabled ? (
                  <span className="text-red-800">{t("disabled")}</span>
                ) : u.activation ? (
                  <span>
                    {t("pending")}
                    {u.activation.used
                      ? t("codeUsed")
                      : u.activation.expiresAt && u.activation.expiresAt <= now()
                        ? t("codeExpired")
                        : u.activation.expiresAt
                          ? t("codeExpires", { time: formatDateTimeVi(u.activation.expiresAt) })
                          : ""}
                  </span>
                ) : (
                  t("active", { n: u.activeSessions })
                )}
                {u.failedSignIns > 0 && (
                  <div className="text-amber-900">{t("failedSignIns", { n: u.failedSignIns })}</div>
                )}
              </>
            ),
          },
          {
            key: "lastSignIn",
            header: t("colLastSignIn"),
            cell: (u) => (
              <>
                {u.lastSignInAt ? formatDateTimeVi(u.lastSignInAt) : t("never")}
                {u.twoFactor && <div className="text-xs">{t("hasTwoFactor")}</div>}
              </>
            ),
          },
          {
            key: "actions",
            header: <span className="sr-only">{t("colActions")}</span>,
            cellClassName: () => "space-y-1",
            cell: (u) => (
              <>
                {u.id !== viewer.id && (
                  <UserAction
                    action={setUserDisabledAction}
                    userId={u.id}
                    label={u.disabled ? t("enable") : t("disable")}
                    className={`rounded px-2 py-1 text-white ${u.disabled ? "bg-sky-800" : "bg-red-700"}`}
                  >
                    <input type="hidden" name="disabled" value={u.disabled ? "0" : "1"} />
                  </UserAction>
                )}
                {u.id !== viewer.id && (
                  <AccountCodeForm action={resetAccountAction} address={address} printLabel={t("printSlip")}>
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className={BUTTON}>
                      {t("reset")}
                    </button>
                  </AccountCodeForm>
                )}
                {u.twoFactor && u.id !== viewer.id && (
                  <UserAction action={resetSecondFactorAction} userId={u.id} label={t("resetTwoFactor")} />
                )}
                {u.failedSignIns > 0 && <UserAction action={unlockAccountAction} userId={u.id} label={t("unlock")} />}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

const BUTTON = "rounded border border-slate-400 px-2 py-1 hover:bg-slate-50";

/** One button acting on one account (the row's user), with the action's answer beside it. */
function UserAction(props: {
  action: ComponentProps<typeof ActionForm>["action"];
  userId: string;
  label: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <ActionForm action={props.action}>
      <input type="hidden" name="userId" value={props.userId} />
      {props.children}
      <button type="submit" className={props.className ?? BUTTON}>
        {props.label}
      </button>
    </ActionForm>
  );
}
