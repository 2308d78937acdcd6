import { cache } from "react";
import { searchCommunes } from "@/lib/data/communes";
import { provinceOverview } from "@/lib/data/overview";
import { communeValues } from "@/lib/data/series";
import { PROVINCE, type PageContext } from "@/lib/web/page-context";

/** The overview's reads that several of its sections share, each made once per request. */
export const overview = cache(provinceOverview);
export const communeList = cache((filters: PageContext["filters"]) =>
  searchCommunes(PROVINCE, { ...filters, q: undefined }),
);
export const valuesFor = cache((ctx: PageContext, code: string) => communeValues(ctx.scope, ctx.range, code));
