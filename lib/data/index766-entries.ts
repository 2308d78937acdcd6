/**
 * The Decision 766 components entered by the province each month from the national portal (table index766_entry).
 * Read by everyone who reads the 766 page; written by PROVINCE and ADMIN only, each save audited in its transaction.
 */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { ENTERED_COMPONENTS, type Index766EntryValues } from "@/lib/domain/index766";
import { isPeriod } from "@/lib/domain/periods";
import { isOpenMonth } from "@/lib/domain/period-window";
import { canEnterIndex766 } from "@/lib/domain/permissions";
import { type Changes, appendAudit } from "./audit-write";
import { db } from "./db";
import { DataError, forbidden } from "./errors";
import { transaction } from "./transaction";

async function provinceId(provinceCode: string): Promise<number> {
  const unit = await db().prisma.orgUnit.findFirst({
    where: { code: provinceCode, level: "PROVINCE" },
    select: { id: true },
  });
  if (!unit) throw new DataError("NOT_FOUND", { key: "index766.noProvince", values: { code: provinceCode } });
  return unit.id;
}

/** The entered points of a month, by component key. */
export async function readIndex766Entries(provinceCode: string, period: string): Promise<Map<string, number>> {
  const rows = await db().prisma.index766Entry.findMany({
    where: { period, orgUnit: { code: provinceCode, level: "PROVINCE" } },
    select: { componentId: true, points: true },
  });
  return new Map(rows.map((r) => [r.componentId, r.points]));
}

/**
 * Saves a month's entered points (validated by ZIndex766Entries): a value replaces the stored one, null removes it.
 * One audit row with every change, `{ "1.1": { old, new } }`.
 */
export async function saveIndex766Entries(
  viewer: Viewer,
  input: { provinceCode: string; period: string; values: Index766EntryValues },
): Promise<number> {
  if (!canEnterIndex766(viewer)) throw forbidden({ key: "index766.notAllowed" });
  if (!isPeriod(input.period)) throw new DataError("INVALID", { key: "index766.badMonth" });
  // Only months of the reporting window, as for locks: 9999-12 would be a row no screen ever shows.
  if (!isOpenMonth(input.period, now())) throw new DataError("INVALID", { key: "index766.monthOutOfRange" });
  const orgUnitId = await provinceId(input.provinceCode);
  return transaction(async (tx) => {
    const stored = new Map(
      (await tx.index766Entry.findMany({ where: { orgUnitId, period: input.period } })).map((r) => [
        r.componentId,
        r.points,
      ]),
    );
    const changes: Changes = {};
    for (const c of ENTERED_COMPONENTS) {
      if (!(c.key in input.values)) continue;
      const next = input.values[c.key] ?? null;
      const old = stored.get(c.key) ?? null;
      if (next === old) continue;
      changes[c.key] = { old, new: next };
      const where = { orgUnitId_period_componentId: { orgUnitId, period: input.period, componentId: c.key } };
      if (next === null) await tx.index766Entry.delete({ where });
      else {
        await tx.index766Entry.upsert({
          where,
          create: { orgUnitId, period: input.period, componentId: c.key, points: next, updatedById: viewer.id },
          update: { points: next, updatedById: viewer.id, updatedAt: now() },
        });
      }
    }
    if (Object.keys(changes).length > 0) {
      await appendAudit(tx, viewer, {
        action: "index766.save",
        entity: "index766_entry",
        orgUnitId,
        period: input.period,
        changes,
      });
    }
    return Object.keys(changes).length;
  });
}
