/**
 * The province's Word documents (scorecards of every commune or one, the briefing), read and built once per data
 * version (./reuse.ts), in a worker thread (./in-worker.ts), for the routes under app/.
 */
import { briefingFigures } from "@/lib/data/briefing";
import { provinceScorecards } from "@/lib/data/scorecards";
import { writeBriefing } from "@/lib/domain/briefing";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import type { PeriodRange } from "@/lib/domain/periods";
import { documentInWorker } from "./in-worker";
import { reusedDocument } from "./reuse";

const reading = new Map<string, ReturnType<typeof provinceScorecards>>();

/**
 * The province's scorecards for the documents: read one query at a time (lib/data/scorecards.ts), and once for the
 * documents that need them at the same moment (all communes' and one commune's: the ranks need every commune).
 */
function scorecardsOf(range: PeriodRange): ReturnType<typeof provinceScorecards> {
  const key = `${range.from}|${range.to}`;
  const shared = reading.get(key);
  if (shared) return shared;
  const mine = provinceScorecards(HOME_PROVINCE, range, { oneQueryAtATime: true }).finally(() => {
    if (reading.get(key) === mine) reading.delete(key);
  });
  reading.set(key, mine);
  return mine;
}

/** The scorecards of every commune, or of `communeCode` alone (null: no such commune in the province). */
export function scorecardsDocument(owner: string, range: PeriodRange, communeCode?: string): Promise<Buffer | null> {
  return reusedDocument(
    {
      kind: communeCode ? "scorecard" : "scorecards",
      params: [range.from, range.to, communeCode ?? ""],
      provinceCode: HOME_PROVINCE,
    },
    async () => {
      const { ranked, cards } = await scorecardsOf(range);
      const chosen = communeCode ? cards.filter((c) => c.commune.code === communeCode) : cards;
      if (communeCode && chosen.length === 0) return null;
      return documentInWorker(owner, { kind: "scorecards", cards: chosen, ranked, range });
    },
  );
}

/** The briefing of /briefing for `range`. */
export async function briefingDocument(owner: string, range: PeriodRange): Promise<Buffer> {
  const document = await reusedDocument(
    { kind: "briefing", params: [range.from, range.to], provinceCode: HOME_PROVINCE },
    async () => {
      const figures = await briefingFigures(HOME_PROVINCE, range);
      return documentInWorker(owner, { kind: "briefing", briefing: writeBriefing(figures), figures });
    },
  );
  return document!;
}
