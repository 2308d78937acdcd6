/**
 * What the public cache (scripts/server.ts, lib/web/public-cache.ts) reads on every public request: the public view's
 * version and switch (one row of public_setting). Plain pg, no Prisma: the server in front of Next.js stays small.
 */
import { pools } from "./pool";

export async function publicVersion(): Promise<{ enabled: boolean; version: string }> {
  const { rows } = await pools().pool.query<{ enabled: boolean; version: string }>(
    `SELECT enabled, version::text AS version FROM public_setting WHERE id = 1`,
  );
  return rows[0] ?? { enabled: false, version: "0" };
}
