import { describe, expect, it } from "vitest";
import { type BriefingCommune, type BriefingFigures, writeBriefing } from "@/lib/domain/briefing";
import {
  approximateVi,
  changeVi,
  lastDayVi,
  periodPhraseVi,
  shareOfUnitsVi,
  strongestWeakest,
} from "@/lib/domain/briefing-words";

function commune(
  i: number,
  onTimeRate: number | null,
  reports = { expected: 3, received: 3, onTime: 3 },
): BriefingCommune {
  return {
    code: String(10000 + i),
    fullName: `Xã Số ${String(i).padStart(2, "0")}`,
    onTimeRate,
    resolved: onTimeRate == null ? null : 100 + i,
    reportsExpected: reports.expected,
    reportsReceived: reports.received,
    reportsOnTime: reports.onTime,
  };
}

/** The July–September 2025 demo figures, as lib/data/briefing.ts reads them. */
function quarter(overrides: Partial<BriefingFigures> = {}): BriefingFigures {
  return {
    range: { from: "2025-07", to: "2025-09" },
    hasData: true,
    units: { total: 38, xa: 36, phuong: 2 },
    oneStop: { covered: 38, reporting: 38 },
    pagesCumulative: 3_912_345,
    staffAllLevels: 17418,
    shortages: {
      shortage_finance: { positions: 20, communes: 15 },
      shortage_construction: { positions: 8, communes: 6 },
      shortage_land: { positions: 25, communes: 18 },
      shortage_it: { positions: 0, communes: 0 },
    },
    reporting: { expected: 114, received: 114, onTime: 114, recorded: 0, pending: 0, overdue: 0, nextDeadline: null },
    current: {
      onTimeRate: 98.8123,
      onlineRate: 41.25,
      oneStopCovered: 38,
      staffCbcc: 2334,
      staffQuota: 13054,
      shortageTotal: 53,
      pagesInPeriod: 3_912_345,
      reportingRate: 100,
      unitsBehind: { oneStopCovered: 38, staffCbcc: 38, shortageTotal: 38, pagesInPeriod: 38 },
    },
    previous: { range: { from: "2025-04", to: "2025-06" }, figures: null },
    communes: Array.from({ length: 38 }, (_, i) => commune(i + 1, 95 + i / 10)),
    ...overrides,
  };
}

const text = (f: BriefingFigures) =>
  writeBriefing(f)
    .sections.flatMap((s) => s.sentences)
    .join(" ");

describe("approximateVi", () => {
  it.each([
    [3_912_345, "gần 4 triệu"],
    [3_500_000, "gần 4 triệu"],
    [3_999_999, "gần 4 triệu"],
    [2_100_000, "hơn 2 triệu"],
    [3_499_999, "hơn 3 triệu"],
    [4_000_000, "4 triệu"],
    [12_300_000, "hơn 12 triệu"],
    [350_123, "khoảng 350 nghìn"],
    [350_000, "350 nghìn"],
    [12_345, "khoảng 12 nghìn"],
    [1_234, "khoảng 1,2 nghìn"],
    [999_800, "gần 1 triệu"],
    [999, "999"],
    [0, "0"],
  ])("%d → %s", (n, expected) => {
    expect(approximateVi(n)).toBe(expected);
  });

  it("rejects negative numbers", () => {
    expect(() => approximateVi(-1)).toThrow();
  });
});

describe("small phrases", () => {
  it("writes a share of units", () => {
    expect(shareOfUnitsVi(38, 38)).toBe("100% xã, phường");
    expect(shareOfUnitsVi(37, 38)).toBe("37/38 xã, phường (97,4%)");
    expect(shareOfUnitsVi(0, 38)).toBe("0/38 xã, phường (0,0%)");
  });

  it("writes a change with its direction", () => {
    expect(changeVi(98.8, 98.5, "%")).toBe("tăng 0,3 điểm phần trăm");
    expect(changeVi(97.1, 98.5, "%")).toBe("giảm 1,4 điểm phần trăm");
    expect(changeVi(98.51, 98.5, "%")).toBe("không đổi");
    expect(changeVi(2300, 2334, "người")).toBe("giảm 34 người");
    expect(changeVi(38, 37, "")).toBe("tăng 1");
  });

  it("names the period with its first and last day", () => {
    expect(lastDayVi("2025-09")).toBe("30/09/2025");
    expect(lastDayVi("2024-02")).toBe("29/02/2024");
    expect(periodPhraseVi({ from: "2025-07", to: "2025-09" })).toBe(
      "07/2025 – 09/2025 (từ ngày 01/07/2025 đến ngày 30/09/2025)",
    );
    expect(periodPhraseVi({ from: "2025-10", to: "2025-10" })).toBe(
      "tháng 10/2025 (từ ngày 01/10/2025 đến ngày 31/10/2025)",
    );
  });
});

describe("writeBriefing on the published quarter", () => {
  const t = text(quarter());

  it("has the province's figures in the province's words", () => {
    expect(t).toContain("07/2025 – 09/2025");
    expect(t).toContain("38 xã, phường (36 xã và 2 phường)");
    expect(t).toContain("100% xã, phường trong tỉnh vận hành bộ phận một cửa");
    expect(t).toContain("tỷ lệ giải quyết thủ tục hành chính đúng và trước hạn đạt 98,8%");
    expect(t).not.toContain("thấp hơn mục tiêu");
    expect(t).toContain("gần 4 triệu trang tài liệu (3.912.345 trang)");
    expect(t).toContain(
      "Toàn tỉnh hiện có 17.418 cán bộ, công chức, viên chức, trong đó 2.334 cán bộ, công chức công tác tại cấp xã",
    );
    expect(t).toContain("13.054");
  });

  it("lists missing specialists, most first, leaving out fields with none", () => {
    expect(t).toContain(
      "Các vị trí chuyên môn còn thiếu nhiều nhất: đất đai 25 vị trí (18 xã, phường), kế toán – tài chính 20 vị trí (15 xã, phường) và xây dựng 8 vị trí (6 xã, phường).",
    );
    expect(t).not.toContain("công nghệ thông tin 0");
  });

  it("names the three strongest and weakest units with their figures", () => {
    expect(t).toContain(
      "Ba đơn vị dẫn đầu về tỷ lệ giải quyết thủ tục hành chính đúng và trước hạn: Xã Số 38 (98,7% trên 138 hồ sơ); Xã Số 37 (98,6% trên 137 hồ sơ); Xã Số 36 (98,5% trên 136 hồ sơ).",
    );
    expect(t).toContain(
      "Ba đơn vị thấp nhất: Xã Số 01 (95,0% trên 101 hồ sơ); Xã Số 02 (95,1% trên 102 hồ sơ); Xã Số 03 (95,2% trên 103 hồ sơ).",
    );
  });

  it("says when every unit reported alike instead of inventing a ranking", () => {
    expect(t).toContain(
      "Các xã, phường đã nộp 114/114 báo cáo tháng (100,0%), trong đó 114 báo cáo nộp đúng hạn (100,0%).",
    );
    expect(t).toContain("Về chế độ báo cáo, cả 38 xã, phường có cùng kết quả (nộp 3/3, đúng hạn 3).");
  });

  it("explains there is nothing to compare before the reform", () => {
    expect(t).toContain(
      "Chưa có số liệu kỳ trước cùng độ dài, 04/2025 – 06/2025 (từ ngày 01/04/2025 đến ngày 30/06/2025), để so sánh (mô hình chính quyền địa phương 2 cấp vận hành từ ngày 01/07/2025).",
    );
  });

  it("has its sections in the article's order", () => {
    expect(writeBriefing(quarter()).sections.map((s) => s.id)).toEqual([
      "period",
      "operation",
      "staffing",
      "ranking",
      "reporting",
      "change",
    ]);
  });
});

describe("writeBriefing adapts to the data", () => {
  it("says reports are still within the deadline before it, and overdue only after", () => {
    const due = text(
      quarter({
        reporting: {
          expected: 38,
          received: 20,
          onTime: 20,
          recorded: 0,
          pending: 18,
          overdue: 0,
          nextDeadline: new Date("2026-12-05T16:59:59.999Z"),
        },
      }),
    );
    expect(due).toContain("18 báo cáo còn trong hạn nộp (hạn ngày 05/12/2026).");
    expect(due).not.toContain("quá hạn");
    const late = text(
      quarter({
        reporting: { expected: 38, received: 35, onTime: 33, recorded: 0, pending: 0, overdue: 3, nextDeadline: null },
      }),
    );
    expect(late).toContain("3 báo cáo đã quá hạn mà chưa nộp.");
  });

  it("leaves months recorded from history out of the on-time share, as the dashboards do (reportingRate)", () => {
    // 114 expected, all received: 57 recorded from history by an import, 50 of the 57 submitted ones on time.
    const t = text(
      quarter({
        reporting: {
          expected: 114,
          received: 114,
          onTime: 50,
          recorded: 57,
          pending: 0,
          overdue: 0,
          nextDeadline: null,
        },
      }),
    );
    expect(t).toContain(
      "Tỉnh đã nhận 114/114 báo cáo tháng (100,0%) của các xã, phường, trong đó 57 báo cáo ghi nhận từ số liệu lịch sử; " +
        "trong 57 báo cáo phải nộp, 50 báo cáo nộp đúng hạn (87,7%).",
    );
  });

  it("37 of 38 one-stop shops is not 100%", () => {
    const t = text(quarter({ oneStop: { covered: 37, reporting: 38 } }));
    expect(t).toContain("37/38 xã, phường (97,4%) vận hành bộ phận một cửa");
    expect(t).not.toContain("100% xã, phường");
  });

  it("mentions units that did not report the flag", () => {
    expect(text(quarter({ oneStop: { covered: 36, reporting: 36 } }))).toContain(
      "36/38 xã, phường (94,7%) vận hành bộ phận một cửa (2 đơn vị chưa báo cáo)",
    );
  });

  it("flags an on-time rate below the 98% target", () => {
    const f = quarter();
    expect(text({ ...f, current: { ...f.current, onTimeRate: 96.14 } })).toContain(
      "đạt 96,1%, thấp hơn mục tiêu 98,0%",
    );
  });

  it("writes falls as falls and rises as rises", () => {
    const f = quarter({ range: { from: "2025-10", to: "2025-12" } });
    const t = text({
      ...f,
      previous: {
        range: { from: "2025-07", to: "2025-09" },
        figures: {
          ...f.current,
          onTimeRate: 99.5,
          onlineRate: 40,
          staffCbcc: 2300,
          pagesInPeriod: 3_000_000,
          shortageTotal: 53,
        },
      },
    });
    expect(t).toContain("So với kỳ trước cùng độ dài, 07/2025 – 09/2025");
    expect(t).toContain("tỷ lệ giải quyết đúng và trước hạn giảm 0,7 điểm phần trăm (99,5% → 98,8%)");
    expect(t).toContain("tỷ lệ hồ sơ trực tuyến tăng 1,3 điểm phần trăm");
    expect(t).toContain("cán bộ, công chức cấp xã tăng 34 người (2.300 → 2.334)");
    expect(t).toContain("vị trí chuyên môn còn thiếu không đổi");
    expect(t).toContain("số trang số hóa trong kỳ tăng 912.345 trang");
    expect(t).not.toMatch(/tăng 0,7/);
  });

  it("does not compare the totals of a month that 1 commune has reported with those of a month that 38 did", () => {
    const f = quarter({ range: { from: "2026-11", to: "2026-11" } });
    const t = text({
      ...f,
      current: {
        ...f.current,
        staffCbcc: 59,
        oneStopCovered: 1,
        shortageTotal: 0,
        pagesInPeriod: 3_803,
        unitsBehind: { oneStopCovered: 1, staffCbcc: 1, shortageTotal: 1, pagesInPeriod: 1 },
      },
      previous: {
        range: { from: "2026-10", to: "2026-10" },
        figures: { ...f.current, staffCbcc: 2_442, oneStopCovered: 38, shortageTotal: 49 },
      },
    });
    expect(t).not.toContain("cán bộ, công chức cấp xã giảm");
    expect(t).not.toContain("vận hành bộ phận một cửa giảm");
    expect(t).not.toContain("vị trí chuyên môn còn thiếu giảm");
    expect(t).toContain(
      "Các số tổng (số xã, phường vận hành bộ phận một cửa; cán bộ, công chức cấp xã; vị trí chuyên môn còn thiếu; số trang số hóa trong kỳ) không so sánh với kỳ trước vì số xã, phường có số liệu khác nhau: kỳ này 1, kỳ trước 38.",
    );
    expect(t).toContain("tỷ lệ giải quyết đúng và trước hạn");
  });

  it("an empty period says there is no data and nothing else", () => {
    const b = writeBriefing(quarter({ hasData: false, range: { from: "2030-01", to: "2030-01" } }));
    expect(b.sections).toHaveLength(1);
    expect(b.sections[0]!.sentences).toEqual([
      "Chưa có số liệu báo cáo của các xã, phường cho kỳ tháng 01/2030 (từ ngày 01/01/2030 đến ngày 31/01/2030).",
    ]);
  });

  it("without the province-wide total, staff is stated for communes only", () => {
    const t = text(quarter({ staffAllLevels: null }));
    expect(t).toContain("Cấp xã hiện có 2.334 cán bộ, công chức.");
    expect(t).not.toContain("17.418");
  });

  it("no shortages reported as zero says so", () => {
    const zero = { positions: 0, communes: 0 };
    const t = text(
      quarter({
        shortages: { shortage_finance: zero, shortage_construction: zero, shortage_land: zero, shortage_it: zero },
      }),
    );
    expect(t).toContain("không báo cáo thiếu vị trí chuyên môn");
  });

  it("no resolved dossiers: no ranking, a plain statement", () => {
    const f = quarter({ communes: [commune(1, null), commune(2, null)] });
    const t = text({ ...f, current: { ...f.current, onTimeRate: null } });
    expect(t).toContain("chưa có hồ sơ thủ tục hành chính được giải quyết trong kỳ");
    expect(t).toContain("Chưa có xã, phường nào có hồ sơ");
  });

  it("pages under a thousand are written exactly", () => {
    const f = quarter({ pagesCumulative: 850 });
    expect(text({ ...f, current: { ...f.current, pagesInPeriod: 850 } })).toContain(
      "đã số hóa 850 trang tài liệu (850 trang)",
    );
  });
});

describe("strongestWeakest", () => {
  it("takes fewer than three when there are fewer than six units", () => {
    const s = strongestWeakest(
      [
        { name: "A", score: 3, label: "3" },
        { name: "B", score: 1, label: "1" },
        { name: "C", score: 2, label: "2" },
      ],
      "x",
    );
    expect(s).toEqual(["Đơn vị dẫn đầu về x: A (3).", "Đơn vị thấp nhất: B (1)."]);
  });
  it("is empty for no units", () => {
    expect(strongestWeakest([], "x")).toEqual([]);
  });
});
