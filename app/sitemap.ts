import type { MetadataRoute } from "next";
import { appBaseURL } from "@/lib/auth/origins";
import { publicSnapshot, publicState } from "@/lib/data/public-reads";
import { PUBLIC_INDICATORS } from "@/lib/domain/publication";
import { publicHref } from "@/lib/domain/public-route";

export const dynamic = "force-dynamic";

/** The published pages: every published period's overview, and each page of the newest month, in both languages. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const state = await publicState();
  if (!state.enabled || state.periods.length === 0) return [];
  const base = appBaseURL();
  const out: MetadataRoute.Sitemap = [];
  for (const locale of ["vi", "en"] as const) {
    for (const p of state.periods) {
      out.push({
        url: `${base}${publicHref({ locale, embed: false, section: "overview", code: null })}?period=${p.key}`,
        lastModified: p.publishedAt,
      });
    }
  }
  const latest = state.periods.find((p) => p.kind === "month");
  const snap = latest ? await publicSnapshot(latest.key) : null;
  if (latest && snap) {
    for (const locale of ["vi", "en"] as const) {
      const at = (
        section: "communes" | "commune" | "indicators" | "indicator" | "index766" | "methodology",
        code: string | null,
      ) => ({
        url: `${base}${publicHref({ locale, embed: false, section, code })}?period=${latest.key}`,
        lastModified: latest.publishedAt,
      });
      out.push(at("communes", null), at("indicators", null), at("methodology", null));
      if (snap.payload.index766) out.push(at("index766", null));
      for (const u of snap.payload.units) out.push(at("commune", u.code));
      for (const i of PUBLIC_INDICATORS) out.push(at("indicator", i.code));
    }
  }
  return out;
}
