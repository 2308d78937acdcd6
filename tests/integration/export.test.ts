/** CSV export: streamed from PostgreSQL, read back with an independent parser (csv-parse). */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZExportOptions } from "@/lib/domain/export-options";
import type { Actor } from "@/lib/domain/permissions";
import { closeDb, db } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { prepareExport, previewExport, streamExport } from "@/lib/data/export";
import { resetDatabase, withClient } from "./support/db";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
import { readAll } from "./support/streams";

const analyst: Actor = { role: "ANALYST", orgUnitId: null };
const province: Actor = { role: "PROVINCE", orgUnitId: null };
let muongKimId: number;

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
    muongKimId = (await c.query<{ id: number }>("SELECT id FROM org_unit WHERE code = '03637'")).rows[0]!.id;
  });
});
afterAll(closeDb);

async function download(actor: Actor, query: Record<string, string>): Promise<Buffer> {
  const options = ZExportOptions.parse(query);
  const stream = await streamExport(await prepareExport(actor, options));
  return readAll(stream);
}

describe("long CSV export", () => {
  it("has a BOM, the header, and the same numbers the dashboards show", async () => {
    const bytes = await download(analyst, { from: "2025-09", to: "2025-09", indicators: "staff_quota,staff_cadres" });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    // Issue 28: a column of its own marks provisional months (09/2025 is complete: empty).
    expect(Object.keys(rows[0]!)).toEqual([
      "province_code",
      "commune_code",
      "commune_name",
      "period",
      "indicator_code",
      "indicator_name",
      "value",
      "unit",
      "status",
      "month_provisional",
    ]);
    expect(new Set(rows.map((r) => r.month_provisional))).toEqual(new Set([""]));
    const quota = rows.filter((r) => r.indicator_code === "staff_quota").reduce((a, r) => a + Number(r.value), 0);
    expect(quota).toBe(13054);
    const mk = rows.find((r) => r.commune_code === "03637" && r.indicator_code === "staff_quota")!;
    // Vietnamese text byte-exact.
    expect(Buffer.from(mk.commune_name!, "utf8").equals(Buffer.from("Xã Mường Kim", "utf8"))).toBe(true);
    expect(mk.indicator_name).toBe("Biên chế được giao (CB, CC, VC cấp xã)");
    expect(rows).toHaveLength(76);
  });

  it("the preview counts exactly the rows of the file", async () => {
    const options = ZExportOptions.parse({ from: "2025-07", to: "2025-12", computed: "1" });
    const prepared = await prepareExport(province, options);
    const { count, rows } = await previewExport(prepared);
    expect(rows.length).toBe(20);
    const bytes = await download(province, { from: "2025-07", to: "2025-12", computed: "1" });
    expect((parse(bytes, { bom: true, columns: true }) as unknown[]).length).toBe(count);
  });

  it("omits the BOM when asked and uses semicolons", async () => {
    const bytes = await download(analyst, {
      from: "2025-09",
      to: "2025-09",
      indicators: "staff_quota",
      bom: "0",
      separator: "semicolon",
      header: "vi",
    });
    expect(bytes.subarray(0, 3).toString("utf8")).not.toBe("\uFEFF");
    const text = bytes.toString("utf8");
    expect(text.split("\n")[0]).toBe(
      "Mã tỉnh;Mã xã, phường;Tên xã, phường;Tháng;Mã chỉ tiêu;Tên chỉ tiêu;Giá trị;Đơn vị tính;Trạng thái báo cáo;Số liệu tháng tạm tính",
    );
  });

  it("neutralises formula-like text but never alters numbers", async () => {
    await withClient(async (c) => {
      await c.query("UPDATE org_unit SET full_name = '=HYPERLINK(\"http://x\")' WHERE id = $1", [muongKimId]);
      await c.query(
        "UPDATE data_value SET value = -5 WHERE org_unit_id = $1 AND period = '2025-09' AND indicator_code = 'proc_pending'",
        [muongKimId],
      );
    });
    try {
      const rows = parse(
        await download(province, { from: "2025-09", to: "2025-09", indicators: "proc_pending", communes: "03637" }),
        { bom: true, columns: true },
      ) as Record<string, string>[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.commune_name).toBe('\'=HYPERLINK("http://x")');
      expect(rows[0]!.value).toBe("-5");
    } finally {
      await withClient(async (c) =>
        c.query("UPDATE org_unit SET full_name = 'Xã Mường Kim' WHERE id = $1", [muongKimId]),
      );
    }
  });

  it("computed indicators per commune-month match the formula", async () => {
    const rows = parse(
      await download(province, {
        from: "2025-09",
        to: "2025-09",
        indicators: "proc_on_time_rate,proc_resolved_early,proc_resolved_on_time,proc_resolved_late",
        communes: "03637",
        computed: "1",
      }),
      { bom: true, columns: true },
    ) as Record<string, string>[];
    const v = (code: string) => Number(rows.find((r) => r.indicator_code === code)!.value);
    const expected =
      ((v("proc_resolved_early") + v("proc_resolved_on_time")) /
        (v("proc_resolved_early") + v("proc_resolved_on_time") + v("proc_resolved_late"))) *
      100;
    expect(v("proc_on_time_rate")).toBeCloseTo(expected, 3);
  });
});

describe("CSV presets", () => {
  it("Excel / LibreOffice (Việt Nam): semicolons, decimal comma, BOM, statuses in words, codes quoted", async () => {
    const bytes = await download(analyst, {
      from: "2025-09",
      to: "2025-09",
      format: "wide",
      indicators: "staff_quota,proc_on_time_rate",
      computed: "1",
      header: "vi",
      preset: "vi",
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text).toContain('\n"12";"03388";');
    const rows = parse(text, { delimiter: ";", columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(38);
    expect(new Set(rows.map((r) => r["Trạng thái báo cáo"]))).toEqual(new Set(["Đã duyệt"]));
    const rates = rows.map((r) => r["Tỷ lệ giải quyết TTHC đúng và trước hạn"]!);
    expect(rates.some((v) => /^\d+,\d+$/.test(v))).toBe(true);
    expect(rates.every((v) => !v.includes("."))).toBe(true);
    const quota = rows.reduce((a, r) => a + Number(r["Biên chế được giao (CB, CC, VC cấp xã)"]), 0);
    expect(quota).toBe(13054);
  });

  it("Chuẩn (RFC 4180): commas, decimal dot, no BOM, status codes", async () => {
    const bytes = await download(analyst, {
      from: "2025-09",
      to: "2025-09",
      indicators: "proc_on_time_rate",
      computed: "1",
      preset: "rfc",
    });
    expect(bytes.subarray(0, 3).toString("utf8")).not.toBe("\uFEFF");
    const rows = parse(bytes, { columns: true }) as Record<string, string>[];
    expect(rows[0]!.status).toBe("APPROVED");
    expect(rows.some((r) => /^\d+\.\d+$/.test(r.value!))).toBe(true);
  });
});

describe("wide CSV export", () => {
  it("has one row per commune and month and one column per indicator", async () => {
    const rows = parse(
      await download(analyst, {
        from: "2025-07",
        to: "2025-09",
        format: "wide",
        indicators: "staff_quota,one_stop_operating",
      }),
      { bom: true, columns: true },
    ) as Record<string, string>[];
    expect(rows).toHaveLength(38 * 3);
    expect(Object.keys(rows[0]!)).toEqual([
      "province_code",
      "commune_code",
      "commune_name",
      "period",
      "status",
      "staff_quota",
      "one_stop_operating",
      "month_provisional",
    ]);
    expect(rows.filter((r) => r.period === "2025-09").reduce((a, r) => a + Number(r.staff_quota), 0)).toBe(13054);
  });

  it("marks the months not every commune has reported in a column of its own (issue 28)", async () => {
    const rows = parse(
      await download(analyst, { from: "2026-10", to: "2026-10", format: "wide", indicators: "staff_quota" }),
      { bom: true, columns: true },
    ) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(38);
    expect(new Set(rows.map((r) => r.month_provisional))).toEqual(new Set([`Tạm tính (${rows.length}/38)`]));
  });
});

describe("export rights", () => {
  it("a commune exports its own commune only", async () => {
    const own: Actor = { role: "COMMUNE", orgUnitId: muongKimId };
    await expect(prepareExport(own, ZExportOptions.parse({ to: "2025-09", communes: "03388" }))).rejects.toMatchObject({
      name: "DataError",
      code: "FORBIDDEN",
    });
    const rows = parse(await download(own, { from: "2025-09", to: "2025-09" }), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(new Set(rows.map((r) => r.commune_code))).toEqual(new Set(["03637"]));
  });

  it("an analyst sees received reports only", async () => {
    const { rows } = await db().readPool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM monthly_report WHERE status IN ('DRAFT', 'RETURNED')",
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    const data = parse(await download(analyst, { from: "2026-10", to: "2026-10", indicators: "proc_received" }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(data.every((r) => r.status === "SUBMITTED" || r.status === "APPROVED")).toBe(true);
    const all = parse(await download(province, { from: "2026-10", to: "2026-10", indicators: "proc_received" }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(all.length).toBeGreaterThan(data.length);
  });
});
