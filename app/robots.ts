import type { MetadataRoute } from "next";
import { appBaseURL } from "@/lib/auth/origins";
import { publicState } from "@/lib/data/public-reads";

export const dynamic = "force-dynamic";

/** Robots may read the public view while it is on, and nothing else of the site (every other page needs a session). */
export default async function robots(): Promise<MetadataRoute.Robots> {
  const { enabled } = await publicState();
  return enabled
    ? { rules: [{ userAgent: "*", allow: ["/cong-khai"], disallow: ["/"] }], sitemap: `${appBaseURL()}/sitemap.xml` }
    : { rules: [{ userAgent: "*", disallow: ["/"] }] };
}
