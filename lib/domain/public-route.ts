/**
 * The addresses of the public view, parsed:
 * /cong-khai[/en][/nhung]/[xa-phuong[/<code>] | chi-tieu[/<code>] | chi-so-766 | phuong-phap].
 * "en" chooses English by path (never a cookie); "nhung" is the embeddable page without the site's chrome. Anything
 * else is null (404).
 */
export type PublicSection =
  "overview" | "communes" | "commune" | "indicators" | "indicator" | "index766" | "methodology";

export interface PublicRoute {
  locale: "vi" | "en";
  embed: boolean;
  section: PublicSection;
  code: string | null;
}

export const PUBLIC_BASE = "/cong-khai";

export function parsePublicRoute(path: readonly string[] | undefined): PublicRoute | null {
  const parts = [...(path ?? [])];
  if (parts.length > 4) return null;
  const locale = parts[0] === "en" ? "en" : "vi";
  if (locale === "en") parts.shift();
  const embed = parts[0] === "nhung";
  if (embed) parts.shift();
  const [a, b, ...rest] = parts;
  if (rest.length) return null;
  if (a === undefined) return { locale, embed, section: "overview", code: null };
  if (a === "xa-phuong") {
    if (b === undefined) return embed ? null : { locale, embed, section: "communes", code: null };
    return /^\d{5}$/.test(b) ? { locale, embed, section: "commune", code: b } : null;
  }
  if (a === "chi-tieu") {
    if (b === undefined) return embed ? null : { locale, embed, section: "indicators", code: null };
    return /^[a-z0-9_]{1,40}$/.test(b) ? { locale, embed, section: "indicator", code: b } : null;
  }
  if (a === "chi-so-766" && b === undefined && !embed) return { locale, embed, section: "index766", code: null };
  if (a === "phuong-phap" && b === undefined && !embed) return { locale, embed, section: "methodology", code: null };
  return null;
}

/** The address of a public page (without the query). */
export function publicHref(route: Pick<PublicRoute, "locale" | "embed" | "section" | "code">): string {
  const parts = [PUBLIC_BASE];
  if (route.locale === "en") parts.push("en");
  if (route.embed) parts.push("nhung");
  switch (route.section) {
    case "overview":
      break;
    case "communes":
      parts.push("xa-phuong");
      break;
    case "commune":
      parts.push("xa-phuong", route.code ?? "");
      break;
    case "indicators":
      parts.push("chi-tieu");
      break;
    case "indicator":
      parts.push("chi-tieu", route.code ?? "");
      break;
    case "index766":
      parts.push("chi-so-766");
      break;
    case "methodology":
      parts.push("phuong-phap");
      break;
  }
  return parts.join("/");
}

/** Whether a path is one of the public view's (pages, downloads, embeds). */
export function isPublicPath(pathname: string): boolean {
  return pathname === PUBLIC_BASE || pathname.startsWith(`${PUBLIC_BASE}/`);
}

/** Whether a path is an embeddable page: the only addresses another site may put in a frame. */
export function isEmbedPath(pathname: string): boolean {
  return /^\/cong-khai(\/en)?\/nhung(\/|$)/.test(pathname);
}
