/** Issue 28, item 3: a briefing of a partly reported period says its coverage in its opening sentence and beside every total. */
import { describe, expect, it } from "vitest";
import { type BriefingFigures, writeBriefing } from "@/lib/domain/briefing";

function november(overrides: Partial<BriefingFigures> = {}): BriefingFigures {
  return {
    range: { from: "2026-11", to: "2026-11" },
    hasData: true,
    units: { total: 38, xa: 36, phuong: 2 },
    oneStop: { covered: 37, reporting: 38 },
    pagesCumulative: 4_100_000,
    staffAllLevels: 17418,
    shortages: {
      shortage_finance: { positions: 20, communes: 15 },
      shortage_construction: { positions: 0, communes: 0 },
      shortage_land: { positions: 0, communes: 0 },
      shortage_it: { positions: 0, communes: 0 },
    },
    reporting: { expected: 38, received: 26, onTime: 20, recorded: 0, pending: 0, overdue: 12, nextDeadline: null },
    current: {
      onTimeRate: 98.1,
      onlineRate: 41.25,
      oneStopCovered: 37,
      staffCbcc: 2330,
      staffQuota: 13050,
      shortageTotal: 20,
      pagesInPeriod: 50_000,
      reportingRate: (26 / 38) * 100,
      unitsBehind: { oneStopCovered: 38, staffCbcc: 38, shortageTotal: 38, pagesInPeriod: 26 },
    },
    previous: { range: { from: "2026-10", to: "2026-10" }, figures: null },
    communes: [],
    coverage: {
      received: 26,
      expected: 38,
      provisional: true,
      carried: { units: 12, oldest: "2026-10", newest: "2026-10" },
      missing: 0,
    },
    ...overrides,
  };
}

const sentences = (f: BriefingFigures) => writeBriefing(f).sections.flatMap((s) => s.sentences);

describe("a briefing of a partly reported month", () => {
  it("uses the official name of the period in its title and subject", () => {
    const b = writeBriefing(november());
    expect(b.subject).toBe("Tình hình vận hành chính quyền địa phương 2 cấp tháng 11 năm 2026");
    expect(b.title).toContain("tháng 11 năm 2026");
    expect(writeBriefing(november({ range: { from: "2025-07", to: "2025-09" } })).subject).toContain(
      "quý III năm 2025",
    );
  });
  it("says the coverage in its opening sentence", () => {
    expect(sentences(november())[0]).toBe(
      "Kỳ báo cáo: tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026); số liệu tạm tính: đã nhận 26/38 báo cáo của xã, phường.",
    );
  });
  it("says beside every total which units it rests on", () => {
    const all = sentences(november()).join(" ");
    expect(all).toContain("2.330 cán bộ, công chức công tác tại cấp xã (12 xã, phường lấy số liệu tháng 10/2026)");
    expect(all).toContain("được giao: 13.050 (12 xã, phường lấy số liệu tháng 10/2026)");
    expect(all).toContain("đúng và trước hạn đạt 98,1% (tạm tính, 26/38 xã, phường)");
    expect(all).toContain("trực tuyến đạt 41,3% (tạm tính, 26/38 xã, phường)");
    expect(all).toMatch(/4\.100\.000 trang[^)]*\) \(tạm tính, 26\/38 xã, phường\)/);
  });
  it("a complete period says nothing of the kind", () => {
    const f = november({ coverage: { received: 38, expected: 38, provisional: false, carried: null, missing: 0 } });
    const all = sentences(f).join(" ");
    expect(all).not.toContain("tạm tính");
    expect(all).not.toContain("lấy số liệu");
    expect(sentences(f)[0]).toBe("Kỳ báo cáo: tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026).");
  });
});
