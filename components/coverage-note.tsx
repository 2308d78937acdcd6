import { getTranslations } from "next-intl/server";
import type { FigureCoverage } from "@/lib/domain/coverage";
import { formatPeriodVi } from "@/lib/domain/periods";

/** What a figure covers, in the page's language (lib/domain/coverage.ts): null when it covers every unit. */
export async function coverageText(c: FigureCoverage): Promise<string | null> {
  const t = await getTranslations("coverage");
  switch (c.kind) {
    case "complete":
      return null;
    case "provisional":
      return t("provisional", { received: c.received, expected: c.expected });
    case "carried": {
      const parts: string[] = [];
      if (c.carried) {
        parts.push(
          c.carried.oldest === c.carried.newest
            ? t("carriedOne", { units: c.carried.units, month: formatPeriodVi(c.carried.newest) })
            : t("carriedRange", {
                units: c.carried.units,
                from: formatPeriodVi(c.carried.oldest),
                to: formatPeriodVi(c.carried.newest),
              }),
        );
      }
      if (c.missing > 0) parts.push(t("missing", { missing: c.missing }));
      return parts.join("; ");
    }
  }
}
