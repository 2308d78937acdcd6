import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/action-form";
import { NewPasswordFields } from "@/components/new-password-fields";
import { getViewer } from "@/lib/auth/viewer";
import { activateAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activate"))("title") };
}

/** The only page an account signed in with its activation code reaches: it chooses its password here. */
export default async function ActivatePage() {
  await connection();
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!viewer.mustChangePassword) redirect("/home");
  const t = await getTranslations("activate");
  return (
    <div className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-sm text-slate-700">
        {t("intro", { name: viewer.name, username: viewer.username ?? "" })}
      </p>
      <ActionForm action={activateAction} className="space-y-4" testId="activate-form">
        <NewPasswordFields />
        <button type="submit" className="w-full rounded bg-brand-800 px-4 py-2 font-medium text-white">
          {t("submit")}
        </button>
      </ActionForm>
    </div>
  );
}
