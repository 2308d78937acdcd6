import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { getTranslations } from "next-intl/server";
import { NewPasswordFields } from "@/components/new-password-fields";
import { setupTokenValid } from "@/lib/data/setup";
import { setupAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("metaTitle"), robots: { index: false } };
}

/** First run: only with the token `npm start` printed, while no administrator exists; 404 otherwise (lib/data/setup.ts). */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await connection();
  const { token } = await searchParams;
  if (typeof token !== "string" || !(await setupTokenValid(token))) notFound();
  const t = await getTranslations("setup");
  return (
    <div className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
      <ActionForm action={setupAction} className="space-y-4" testId="setup-form">
        <input type="hidden" name="token" value={token} />
        <div>
          <label htmlFor="username" className="block text-sm font-medium">
            {t("username")}
          </label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            minLength={3}
            maxLength={40}
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{2,39}"
            className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="name" className="block text-sm font-medium">
            {t("name")}
          </label>
          <input
            id="name"
            name="name"
            autoComplete="name"
            required
            maxLength={120}
            className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <NewPasswordFields label={(await getTranslations("passwordForm"))("plainLabel")} />
        <button type="submit" className="w-full rounded bg-brand-800 px-4 py-2 font-medium text-white">
          {t("submit")}
        </button>
      </ActionForm>
    </div>
  );
}
