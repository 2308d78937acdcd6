import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { ClientMessages } from "@/components/client-messages";
import { DataTable } from "@/components/data-table";
import { TokenForm } from "@/components/token-form";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi } from "@/lib/domain/format";
import { listApiTokens } from "@/lib/data/api-tokens";
import { ActionForm } from "@/components/action-form";
import { CurrentPasswordField, NewPasswordFields } from "@/components/new-password-fields";
import { TwoFactorDisable, TwoFactorEnrol } from "@/components/two-factor-form";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { changePasswordAction, revokeTokenAction } from "./actions";
import { confirmSecondFactorAction, disableSecondFactorAction, startSecondFactorAction } from "./two-factor-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const viewer = await requireViewer({ enrolling: true });
  const required = (await secondFactorRoles()).includes(viewer.role);
  const mustEnrol = required && !viewer.twoFactorEnabled;
  void searchParams;
  const tokens = await listApiTokens(viewer);
  const t = await getTranslations("profile");
  const roleName = (await getTranslations("roles"))(viewer.role);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <dl className="grid max-w-md grid-cols-2 gap-2 text-sm">
        <dt className="font-medium">{t("username")}</dt>
        <dd>{viewer.username}</dd>
        <dt className="font-medium">{t("role")}</dt>
        <dd>{roleName}</dd>
      </dl>
      <section aria-labelledby="two-factor" className="max-w-md space-y-3">
        <h2 id="two-factor" className="text-lg font-semibold">
          {t("twoFactor")}
        </h2>
        {mustEnrol && (
          <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950">
            {t("mustEnrol", { role: roleName })}
          </p>
        )}
        {viewer.twoFactorEnabled ? (
          <>
            <p className="text-sm" data-testid="two-factor-on">
              {t("twoFactorOn")}
            </p>
            {!required && (
              <ClientMessages namespaces={["twoFactorForm", "passwordForm"]}>
                <TwoFactorDisable action={disableSecondFactorAction} />
              </ClientMessages>
            )}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("twoFactorWhy")}</p>
            <ClientMessages namespaces={["twoFactorForm", "passwordForm"]}>
              <TwoFactorEnrol start={startSecondFactorAction} confirm={confirmSecondFactorAction} />
            </ClientMessages>
          </>
        )}
      </section>
      <section aria-labelledby="password" className="max-w-md space-y-3">
        <h2 id="password" className="text-lg font-semibold">
          {t("password")}
        </h2>
        <ActionForm action={changePasswordAction} className="space-y-3" testId="password-form">
          <CurrentPasswordField id="current-password" name="current" />
          <NewPasswordFields />
          <p className="text-xs text-slate-700">{t("passwordEffect")}</p>
          <button type="submit" className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
            {t("password")}
          </button>
        </ActionForm>
      </section>
      <section aria-labelledby="tokens" className="space-y-3">
        <h2 id="tokens" className="text-lg font-semibold">
          {t("tokens")}
        </h2>
        <p className="text-sm text-slate-700">{t.rich("tokensHelp", { code, placeholder: `<${t("tokenWord")}>` })}</p>
        <ClientMessages namespaces={["tokenForm"]}>
          <TokenForm />
        </ClientMessages>
        <DataTable
          testId="token-table"
          rows={tokens}
          rowKey={(token) => token.id}
          empty={t("noTokens")}
          columns={[
            { key: "name", header: t("colName"), cell: (token) => token.name },
            { key: "created", header: t("colCreated"), cell: (token) => formatDateTimeVi(token.createdAt) },
            {
              key: "used",
              header: t("colUsed"),
              cell: (token) => (token.lastUsedAt ? formatDateTimeVi(token.lastUsedAt) : t("neverUsed")),
            },
            { key: "status", header: t("colStatus"), cell: (token) => (token.revokedAt ? t("revoked") : t("active")) },
            {
              key: "actions",
              header: <span className="sr-only">{t("colActions")}</span>,
              cell: (token) =>
                !token.revokedAt && (
                  <ActionForm action={revokeTokenAction}>
                    <input type="hidden" name="id" value={token.id} />
                    <button type="submit" className="text-red-800 underline">
                      {t("revoke")}
                    </button>
                  </ActionForm>
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}
