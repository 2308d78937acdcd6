/**
 * Word documents reused while nothing they show has changed (issue 29: one user looping on a .docx slowed everyone).
 * A document is kept under its kind, its parameters, the province it shows and the data version of that province
 * (lib/data/data-version.ts: the counters every visible change moves, in the same transaction). The same request
 * with the same version gets the same bytes without reading or building anything; a change that moves the counter
 * makes the next request build again. Requests for a document being built wait for that build instead of starting
 * their own. Bounded: at most MAX_BYTES of documents, least recently used dropped first.
 *
 * A document's content does not depend on who asks (each route checks the session and shows the province's figures
 * to everyone allowed in): the province is the viewer's scope.
 */
import { LRUCache } from "lru-cache";
import { now } from "@/lib/clock";
import { dataVersion } from "@/lib/data/data-version";
import { vietnamDay } from "@/lib/domain/periods";

const MAX_BYTES = 32 * 2 ** 20;
const MAX_DOCUMENTS = 256;

/** A document, or null for one that does not exist (an unknown commune): that answer is kept too. */
type Built = Buffer | null;

const kept = new LRUCache<string, { document: Built }>({
  max: MAX_DOCUMENTS,
  maxSize: MAX_BYTES,
  sizeCalculation: (b) => Math.max(1, b.document?.length ?? 0),
});
const building = new Map<string, Promise<Built>>();
let builds = 0;

export interface DocumentKey {
  kind: string;
  /** Everything else the document depends on (period range, commune), in a fixed order. */
  params: string[];
  provinceCode: string;
}

/** The document of `key` built by `build` (which reads and builds), or the one kept for the current data version. */
export async function reusedDocument(key: DocumentKey, build: () => Promise<Built>): Promise<Built> {
  const version = await dataVersion("province", key.provinceCode);
  // The day too (in Vietnam): a document may say which month is in progress or late, which the date decides.
  const id = JSON.stringify([key.kind, key.provinceCode, version, vietnamDay(now()), ...key.params]);
  const hit = kept.get(id);
  if (hit) return hit.document;
  const shared = building.get(id);
  if (shared) {
    try {
      return await shared;
    } catch {
      // The other request's build failed (its user's bound, a worker error): this one tries on its own.
    }
  }
  const mine = (async () => {
    builds++;
    const document = await build();
    kept.set(id, { document });
    return document;
  })();
  building.set(id, mine);
  try {
    return await mine;
  } finally {
    if (building.get(id) === mine) building.delete(id);
  }
}

/** For tests: how many documents were built since the server started. */
export function documentBuilds(): number {
  return builds;
}
