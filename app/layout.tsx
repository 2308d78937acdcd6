import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { DataAsOf } from "@/components/data-as-of";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

/** The public view (/cong-khai) is the same for every reader: its language comes from its path, never a cookie. */
async function publicLocale(): Promise<"vi" | "en" | null> {
  const pathname = (await headers()).get("x-pathname") ?? "";
  if (!/^\/cong-khai(\/|$)/.test(pathname)) return null;
  return /^\/cong-khai\/en(\/|$)/.test(pathname) ? "en" : "vi";
}

export async function generateMetadata(): Promise<Metadata> {
  // The public pages give their own full title and description (and must not read the language cookie).
  if (await publicLocale()) return {};
  const t = await getTranslations("meta");
  return {
    title: { default: t("title"), template: `%s · ${t("short")}` },
    description: t("description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const pub = await publicLocale();
  if (pub) {
    // No site header (it reads the session), no cookie: the public pages bring their own header, or none (embeds).
    return (
      <html lang={pub}>
        <body className="min-h-screen bg-white text-slate-900">{children}</body>
      </html>
    );
  }
  const locale = await getLocale();
  const t = await getTranslations("nav");
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
        >
          {t("skip")}
        </a>
        {/* No NextIntlClientProvider: client components receive their texts as props, so no message catalogue is
            serialised into every page. */}
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
          <DataAsOf />
        </main>
      </body>
    </html>
  );
}
