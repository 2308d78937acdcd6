import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/i18n/actions";
import { UserMenu } from "@/components/user-menu";
import { type Viewer, getViewer } from "@/lib/auth/viewer";
import { canImportSomething, canManageUsers, canReadAudit, canReview } from "@/lib/domain/permissions";

const LINKS = [
  { href: "/", key: "overview" },
  { href: "/communes", key: "communes" },
  { href: "/indicators", key: "indicators" },
  { href: "/completeness", key: "completeness" },
  { href: "/briefing", key: "briefing" },
  { href: "/index-766", key: "index766" },
  { href: "/national", key: "national" },
  { href: "/export", key: "export" },
  { href: "/profile", key: "profile" },
] as const;

/** Work pages, shown only to the roles that may use them. */
const ROLE_LINKS: { href: string; key: "entry" | "approval" | "import" | "audit" | "users"; show: (viewer: Viewer) => boolean }[] = [
  { href: "/entry", key: "entry", show: (v) => v.role === "COMMUNE" },
  { href: "/approval", key: "approval", show: canReview },
  { href: "/import", key: "import", show: canImportSomething },
  { href: "/audit", key: "audit", show: canReadAudit },
  { href: "/admin/users", key: "users", show: canManageUsers },
];

/** Site navigation and the language switch (a form posting a server action: works without JavaScript). */
export async function SiteHeader() {
  const t = await getTranslations("nav");
  const locale = await getLocale();
  const other = locale === "en" ? "vi" : "en";
  const viewer = await getViewer();
  return (
    <header className="bg-brand-800 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <a href="/" className="font-semibold text-white no-underline">
          {t("brand")}
        </a>
        {viewer && <nav aria-label={t("label")} className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {[...LINKS, ...ROLE_LINKS.filter((l) => l.show(viewer))].map((l) => (
              <li key={l.href}>
                <a href={l.href} className="text-white underline-offset-4 hover:underline">
                  {t(l.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>}
        <form action={setLocale}>
          <input type="hidden" name="locale" value={other} />
          <button type="submit" lang={other} className="rounded border border-white/60 px-2 py-1 text-sm text-white hover:bg-white/10"
            data-testid="language-switch">
            {t("switchTo")}
          </button>
        </form>
        {viewer && <UserMenu viewer={viewer} />}
      </div>
    </header>
  );
}
