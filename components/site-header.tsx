import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/i18n/actions";
import { NoticeBell } from "@/components/notice-bell";
import { isSharedRender } from "@/components/page-slot";
import { UserMenu } from "@/components/user-menu";
import { type Viewer, getViewer } from "@/lib/auth/viewer";
import { savingPaused } from "@/lib/data/pool";
import { demoAccountCount } from "@/lib/data/users";
import {
  canExport,
  canImportSomething,
  canManageUsers,
  canPublish,
  canReadAudit,
  canReview,
} from "@/lib/domain/permissions";
import { receivesNotices } from "@/lib/domain/notices";
import { viewerScope } from "@/lib/web/shared-page";

type LinkKey =
  | "overview"
  | "communes"
  | "indicators"
  | "completeness"
  | "briefing"
  | "index766"
  | "national"
  | "export"
  | "profile"
  | "entry"
  | "approval"
  | "import"
  | "audit"
  | "users"
  | "publication";
type GroupKey = "view" | "work" | "data" | "admin";

const everyone = () => true;

/** The site's pages in four groups, each link shown only to the roles that may use it. */
const GROUPS: { key: GroupKey; links: { href: string; key: LinkKey; show: (viewer: Viewer) => boolean }[] }[] = [
  {
    key: "view",
    links: [
      { href: "/", key: "overview", show: everyone },
      { href: "/communes", key: "communes", show: everyone },
      { href: "/indicators", key: "indicators", show: everyone },
      { href: "/briefing", key: "briefing", show: everyone },
      { href: "/index-766", key: "index766", show: everyone },
      { href: "/national", key: "national", show: everyone },
    ],
  },
  {
    key: "work",
    links: [
      { href: "/entry", key: "entry", show: (v) => v.role === "COMMUNE" },
      { href: "/approval", key: "approval", show: canReview },
      { href: "/completeness", key: "completeness", show: everyone },
    ],
  },
  {
    key: "data",
    links: [
      { href: "/export", key: "export", show: canExport },
      { href: "/import", key: "import", show: canImportSomething },
    ],
  },
  {
    key: "admin",
    links: [
      { href: "/admin/users", key: "users", show: canManageUsers },
      { href: "/admin/publication", key: "publication", show: canPublish },
      { href: "/audit", key: "audit", show: canReadAudit },
      { href: "/profile", key: "profile", show: everyone },
    ],
  },
];

/** Whether a link leads to the page being shown (or to a section it is part of: /communes for /communes/03637). */
export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Site navigation, the language switch, the user and their notice bell. On a phone one line: the brand, a menu button (a <details>
 * disclosure that opens with the keyboard and without JavaScript) and the bell; from 1024 px the same markup lies open in one row
 * (app/globals.css, .site-menu). The proxy passes the path in `x-pathname` so the current page is marked here.
 */
export async function SiteHeader() {
  const t = await getTranslations("nav");
  const locale = await getLocale();
  const other = locale === "en" ? "vi" : "en";
  const viewer = await getViewer();
  const pathname = (await headers()).get("x-pathname") ?? "";
  // A page kept for every reader of the same scope: personal parts are slots, and the page says whose scope it shows.
  const shared = await isSharedRender();
  // An account on its activation code sees no menu: its only page is /activate.
  const active = viewer && !viewer.mustChangePassword ? viewer : null;
  const demo = active?.role === "ADMIN" ? await demoAccountCount() : 0;
  const groups = active
    ? GROUPS.map((g) => ({ ...g, links: g.links.filter((l) => l.show(active)) })).filter((g) => g.links.length > 0)
    : [];
  return (
    <header className="relative bg-brand-800 text-white print:hidden" data-testid="site-header">
      <div className="mx-auto flex max-w-6xl items-center lg:flex-wrap gap-x-6 gap-y-2 px-4 py-2 lg:py-3">
        <a href="/" className="font-semibold whitespace-nowrap text-white no-underline">
          <span className="sm:hidden">{t("brandShort")}</span>
          <span className="hidden sm:inline">{t("brand")}</span>
        </a>
        <details className="site-menu ml-auto lg:ml-0">
          <summary
            className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded border border-white/60 px-3 text-sm hover:bg-white/10"
            data-testid="menu-button"
          >
            <span aria-hidden="true">☰</span> {t("menu")}
          </summary>
          <div className="site-menu-panel absolute inset-x-0 top-full z-20 space-y-4 bg-brand-800 px-4 pb-4 pt-2 shadow-lg lg:space-y-0">
            {viewer && (
              <nav aria-label={t("label")} className="lg:flex-1">
                <ul className="space-y-3 text-sm lg:flex lg:flex-wrap lg:gap-x-6 lg:gap-y-1 lg:space-y-0">
                  {groups.map((g) => (
                    <li key={g.key} className="lg:flex lg:items-baseline lg:gap-2">
                      <span
                        id={`nav-group-${g.key}`}
                        className="block text-xs font-medium uppercase tracking-wide text-white/80"
                      >
                        {t(`groups.${g.key}`)}
                      </span>
                      <ul
                        aria-labelledby={`nav-group-${g.key}`}
                        className="mt-1 flex flex-wrap gap-x-4 gap-y-1 lg:mt-0 lg:gap-x-3"
                      >
                        {g.links.map((l) => {
                          const current = isCurrent(l.href, pathname);
                          return (
                            <li key={l.href}>
                              <a
                                href={l.href}
                                aria-current={current ? "page" : undefined}
                                className={`inline-block py-1 text-white underline-offset-4 hover:underline lg:py-0 ${current ? "font-semibold underline decoration-2" : ""}`}
                              >
                                {t(l.key)}
                              </a>
                            </li>
                          );
                        })}
                      </ul>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <div className="flex flex-wrap items-center gap-3 lg:flex-nowrap">
              <form action={setLocale}>
                <input type="hidden" name="locale" value={other} />
                <button
                  type="submit"
                  lang={other}
                  className="rounded border border-white/60 px-2 py-1 text-sm text-white hover:bg-white/10"
                  data-testid="language-switch"
                >
                  {t("switchTo")}
                </button>
              </form>
              {viewer && <UserMenu viewer={viewer} shared={shared} />}
            </div>
          </div>
        </details>
        {active && receivesNotices(active) && (
          <NoticeBell viewer={active} current={isCurrent("/notices", pathname)} shared={shared} />
        )}
        {shared && viewer && (
          // lib/web/shared-page.ts SCOPE_ATTR: the server keeps the page only for the scope it names.
          <span
            hidden
            data-tracker-scope={viewerScope({
              role: viewer.role,
              orgUnitId: viewer.orgUnitId,
              mustChangePassword: !!viewer.mustChangePassword,
              twoFactorEnabled: !!viewer.twoFactorEnabled,
            })}
          />
        )}
      </div>
      {active && savingPaused() && (
        <p role="status" className="bg-amber-100 px-4 py-2 text-sm text-amber-950" data-testid="saving-paused">
          {t("savingPaused")}
        </p>
      )}
      {demo > 0 && (
        <p role="note" className="bg-amber-100 px-4 py-2 text-sm text-amber-950" data-testid="demo-banner">
          Hệ thống đang có {demo} tài khoản dùng thử với mật khẩu công khai (dữ liệu mẫu). Đây không phải một bản cài
          đặt thật: để bắt đầu cài đặt thật, chạy <code>DEMO_DATA=0 npm start</code> trên một thư mục dữ liệu mới (xem
          README, “Ngày đầu của một bản cài đặt thật”).
        </p>
      )}
    </header>
  );
}
