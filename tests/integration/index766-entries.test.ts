/** The Decision 766 components entered by the province from the national portal: rights, audit, and the total out of 100. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { createDemoAccounts } from "@/lib/data/demo-accounts";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { index766Scores } from "@/lib/data/index766";
import { readIndex766Entries, saveIndex766Entries } from "@/lib/data/index766-entries";
import { ENTERED_COMPONENTS, ZIndex766Entries, portalTotal } from "@/lib/domain/index766";
import { resetDatabase, withClient } from "./support/db";
import { viewerOf } from "./support/reports";

let province: Viewer;
let analyst: Viewer;
let commune: Viewer;

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, new Date("2026-11-28T03:00:00Z"));
    await createDemoAccounts(c, "12");
    province = await viewerOf(c, "tinh");
    analyst = await viewerOf(c, "phantich");
    commune = await viewerOf(c, "xa-03637");
  });
});
afterAll(closeDb);

describe("entered 766 components", () => {
  it("only the province and the administrator may enter them; nothing is written otherwise", async () => {
    for (const viewer of [analyst, commune]) {
      await expect(
        saveIndex766Entries(viewer, { provinceCode: "12", period: "2025-09", values: { "1.1": 6 } }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await readIndex766Entries("12", "2025-09")).size).toBe(0);
  });

  it("saves, audits old → new, and gives the total out of 100 once every component has points", async () => {
    const form = Object.fromEntries(
      ENTERED_COMPONENTS.map((c) => [c.key, c.key === "3.6" ? "" : String(c.max - 1).replace(".", ",")]),
    );
    expect(
      await saveIndex766Entries(province, {
        provinceCode: "12",
        period: "2025-09",
        values: ZIndex766Entries.parse(form),
      }),
    ).toBe(ENTERED_COMPONENTS.length - 1);
    const { province: score } = await index766Scores("12", { from: "2025-09", to: "2025-09" });
    const partial = portalTotal(score, await readIndex766Entries("12", "2025-09"));
    expect(partial.total).toBeNull();
    expect(partial.missing).toEqual(["3.6 Tỷ lệ hồ sơ thanh toán trực tuyến"]);

    expect(
      await saveIndex766Entries(province, {
        provinceCode: "12",
        period: "2025-09",
        values: ZIndex766Entries.parse({ "3.6": "7,5", "1.1": "6" }),
      }),
    ).toBe(2);
    const entered = await readIndex766Entries("12", "2025-09");
    expect(entered.get("3.6")).toBe(7.5);
    const full = portalTotal(score, entered);
    const expected =
      score.total! +
      ENTERED_COMPONENTS.reduce((s, c) => s + (c.key === "3.6" ? 7.5 : c.key === "1.1" ? 6 : c.max - 1), 0);
    expect(full.total).toBeCloseTo(expected, 6);
    expect(full.total).toBeLessThanOrEqual(100);

    const audit = await withClient((c) =>
      c.query<{ action: string; changes: Record<string, { old: unknown; new: unknown }>; username: string }>(
        "SELECT action, changes, username FROM audit_log WHERE entity = 'index766_entry' ORDER BY id",
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["index766.save", "index766.save"]);
    expect(audit.rows[1]!.changes).toEqual({ "1.1": { old: 5, new: 6 }, "3.6": { old: null, new: 7.5 } });
    expect(audit.rows[1]!.username).toBe("tinh");

    // Clearing a field removes the entry, and the total is gone again.
    await saveIndex766Entries(province, {
      provinceCode: "12",
      period: "2025-09",
      values: ZIndex766Entries.parse({ "3.6": "" }),
    });
    expect(portalTotal(score, await readIndex766Entries("12", "2025-09")).total).toBeNull();
  });
});
