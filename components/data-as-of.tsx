import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { vietnamClock } from "@/lib/domain/periods";
import { AS_OF_HEADER } from "@/lib/web/page-cache";

/**
 * "Số liệu lúc 10:31:05": when the figures of a cached dashboard page were read (Vietnam time). A reader who did not
 * save may be served that page for up to 5 s after a change (lib/web/page-cache.ts, FRESHNESS_MS), so it says so.
 * Shown only on pages the server keeps (it sets AS_OF_HEADER); nothing elsewhere.
 */
export async function DataAsOf() {
  const value = Number((await headers()).get(AS_OF_HEADER));
  if (!Number.isFinite(value) || value <= 0) return null;
  const t = await getTranslations("freshness");
  return (
    <p className="mt-8 text-xs text-slate-600" data-testid="data-as-of">
      {t("asOf", { time: vietnamClock(new Date(value)) })}
    </p>
  );
}
