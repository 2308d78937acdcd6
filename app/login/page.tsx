import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LoginForm } from "@/components/login-form";
import { getViewer } from "@/lib/auth/viewer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getViewer()) redirect("/");
  const { next } = await searchParams;
  const t = await getTranslations("login");
  return (
    <div className="mx-auto mt-8 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
      <ClientMessages namespaces={["login"]}>
        <LoginForm next={next ?? null} />
      </ClientMessages>
    </div>
  );
}
