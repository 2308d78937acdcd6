import { describe, expect, it } from "vitest";
import {
  OUTLIER_MIN_CHANGE,
  FORM_SECTIONS,
  REPORT_FIELDS,
  type MonthValues,
  diffValues,
  median,
  monthTotals,
  parseMonthValues,
  parseNumberInput,
  unacknowledged,
  validateMonth,
} from "@/lib/domain/validation";

/** A plausible, complete and valid month. */
const month = (over: MonthValues = {}): MonthValues => ({
  staff_quota: 300,
  staff_cadres: 20,
  staff_civil_servants: 40,
  staff_public_employees: 200,
  shortage_finance: 1,
  shortage_construction: 0,
  shortage_land: 1,
  shortage_it: 2,
  one_stop_operating: 1,
  proc_received: 100,
  proc_received_online: 40,
  proc_resolved_early: 20,
  proc_resolved_on_time: 60,
  proc_resolved_late: 2,
  proc_pending: 30,
  pages_digitised: 5000,
  dossiers_digitised: 60,
  feedback_received: 10,
  feedback_resolved: 8,
  ...over,
});

const keys = (issues: { key: string }[]) => issues.map((i) => i.key);

describe("parseNumberInput", () => {
  it("reads Vietnamese number input", () => {
    expect(parseNumberInput("")).toBeNull();
    expect(parseNumberInput("   ")).toBeNull();
    expect(parseNumberInput("42")).toBe(42);
    expect(parseNumberInput(" 42 ")).toBe(42);
    expect(parseNumberInput("1.234")).toBe(1234);
    expect(parseNumberInput("1 234 567")).toBe(1234567);
    expect(parseNumberInput("1,5")).toBe(1.5);
    // The dot groups thousands in Vietnamese: "1.5" is not a Vietnamese number (issue 14: one reading per language).
    expect(parseNumberInput("1.5")).toBeNaN();
    expect(parseNumberInput("1.5", "en")).toBe(1.5);
    expect(parseNumberInput("1,234", "en")).toBe(1234);
    expect(parseNumberInput("-3")).toBe(-3);
    expect(parseNumberInput("abc")).toBeNaN();
    expect(parseNumberInput("12a")).toBeNaN();
    expect(parseNumberInput("1e3")).toBeNaN();
  });
});

describe("the field schema", () => {
  it("accepts a complete valid month, from numbers or from form strings", () => {
    expect(validateMonth(month(), {}, { requireComplete: true })).toEqual({
      values: month(),
      errors: [],
      warnings: [],
    });
    const strings = Object.fromEntries(Object.entries(month()).map(([k, v]) => [k, String(v)]));
    expect(validateMonth(strings).values).toEqual(month());
  });

  it("accepts an empty or partial draft, and leaves empty fields out", () => {
    expect(validateMonth({})).toEqual({ values: {}, errors: [], warnings: [] });
    expect(validateMonth({ proc_received: "12", proc_pending: "" }).values).toEqual({ proc_received: 12 });
    expect(validateMonth(null).errors).toEqual([]);
  });

  it("rejects negatives, naming the field and the value", () => {
    const r = validateMonth(month({ proc_received: -5 }));
    expect(r.errors).toEqual([
      { field: "proc_received", key: "field:proc_received", message: "Hồ sơ TTHC tiếp nhận (-5) không được là số âm" },
    ]);
  });

  it("rejects non-integers with a Vietnamese decimal comma", () => {
    const r = validateMonth({ ...month(), staff_cadres: "1,5" });
    expect(r.errors.map((e) => e.message)).toEqual(["Cán bộ (1,5) phải là số nguyên"]);
  });

  it("reads by the interface's language and refuses a whole number written ambiguously, showing how it was read", () => {
    expect(validateMonth({ proc_received: "1,234" }, {}, { locale: "en" }).values).toEqual({ proc_received: 1234 });
    expect(validateMonth({ proc_received: "1.234" }).values).toEqual({ proc_received: 1234 });
    const vi = validateMonth({ proc_received: "1,000" });
    expect(vi.errors.map((e) => e.message)).toEqual([
      "Hồ sơ TTHC tiếp nhận: “1,000” được đọc là 1 (dấu phẩy là dấu thập phân). Nếu là 1.000, hãy viết 1.000 hoặc 1000",
    ]);
    const en = validateMonth({ proc_received: "1.000" }, {}, { locale: "en" });
    expect(en.errors.map((e) => e.message)).toEqual([
      "Hồ sơ TTHC tiếp nhận: “1.000” reads as 1 (the dot is the decimal point). If you mean 1,000, write 1,000 or 1000",
    ]);
    expect(validateMonth({ proc_received: "1e3" }).errors.map((e) => e.message)).toEqual([
      "Hồ sơ TTHC tiếp nhận: giá trị nhập không phải là số",
    ]);
  });

  it("rejects text that is not a number", () => {
    const r = validateMonth({ pages_digitised: "nhiều" });
    expect(r.errors).toEqual([
      {
        field: "pages_digitised",
        key: "field:pages_digitised",
        message: "Trang tài liệu được số hoá: giá trị nhập không phải là số",
      },
    ]);
  });

  it("accepts the one-stop flag 0 or 1 only", () => {
    expect(validateMonth({ one_stop_operating: 0 }).errors).toEqual([]);
    expect(validateMonth({ one_stop_operating: 1 }).errors).toEqual([]);
    expect(validateMonth({ one_stop_operating: 2 }).errors[0]!.message).toBe(
      "Bộ phận một cửa / Trung tâm PVHCC hoạt động (2) chỉ nhận 0 (không) hoặc 1 (có)",
    );
  });

  it("gives one error per bad field, keeps the good fields", () => {
    const r = parseMonthValues({ proc_received: "-1", proc_pending: "2,5", feedback_received: "7" });
    expect(r.errors.map((e) => e.field)).toEqual(["proc_received", "proc_pending"]);
    expect(r.values).toEqual({ feedback_received: 7 });
  });

  it("reads typed numbers as the written ones: the same values, the same errors", () => {
    // Typed numbers that all pass take a path of their own (no schema); any bad one goes through the schema.
    const typed = { proc_received: 12, proc_pending: 3, one_stop_operating: 1, feedback_received: null };
    const written = { proc_received: "12", proc_pending: "3", one_stop_operating: "1", feedback_received: "" };
    expect(parseMonthValues(typed)).toEqual(parseMonthValues(written));
    expect(parseMonthValues(typed).values).toEqual({ proc_received: 12, proc_pending: 3, one_stop_operating: 1 });
    for (const bad of [-1, 2.5, 2, Number.NaN, 10_000_000_000]) {
      const field = bad === 2 ? "one_stop_operating" : "proc_pending";
      const r = parseMonthValues({ ...typed, [field]: bad });
      expect(r.errors.map((e) => e.key)).toEqual([`field:${field}`]);
      expect(Object.keys(r.values)).not.toContain(field);
    }
    expect(parseMonthValues(null)).toEqual({ values: {}, errors: [] });
    expect(parseMonthValues([5]).errors).not.toEqual([]);
  });

  it("ignores unknown fields", () => {
    expect(validateMonth({ ...month(), hacked: 5 }).values).toEqual(month());
  });

  it("requires every field on submission", () => {
    const partial = { ...month() };
    delete partial.feedback_resolved;
    const r = validateMonth(partial, {}, { requireComplete: true });
    expect(r.errors).toEqual([
      {
        field: "feedback_resolved",
        key: "missing:feedback_resolved",
        message: "Chưa nhập: Phản ánh, kiến nghị đã xử lý",
      },
    ]);
    // A field that is invalid gets its own message, not also "missing".
    const bad = validateMonth({ ...partial, feedback_resolved: "x" }, {}, { requireComplete: true });
    expect(keys(bad.errors)).toEqual(["field:feedback_resolved"]);
  });
});

describe("an upper bound on every field (attack 16)", () => {
  it("refuses a value above 100.000.000 as an error, in the form, the server and the import alike", () => {
    const { errors } = validateMonth(month({ proc_received: 1e15, pages_digitised: 100_000_001 }));
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(["proc_received", "pages_digitised"]));
    expect(errors.find((e) => e.field === "proc_received")!.message).toContain("vượt quá giới hạn 100.000.000");
    expect(parseMonthValues({ staff_quota: "999999999999" }).errors).toHaveLength(1);
    expect(validateMonth(month({ pages_digitised: 100_000_000 })).errors).toEqual([]);
  });
});

describe("cross-field errors", () => {
  it("online > received", () => {
    const r = validateMonth(month({ proc_received: 100, proc_received_online: 120 }));
    expect(r.errors).toEqual([
      {
        field: "proc_received_online",
        key: "online_gt_received",
        message: "Số hồ sơ trực tuyến (120) không được lớn hơn số hồ sơ tiếp nhận (100)",
      },
    ]);
    expect(validateMonth(month({ proc_received: 100, proc_received_online: 100 })).errors).toEqual([]);
  });

  it("resolved > previous pending + received, only when the previous pending is known", () => {
    const v = month({
      proc_received: 100,
      proc_resolved_early: 50,
      proc_resolved_on_time: 60,
      proc_resolved_late: 1,
      dossiers_digitised: 10,
    });
    // 111 resolved; 100 received + 10 pending = 110 available.
    const r = validateMonth(v, { previous: month({ proc_pending: 10 }) });
    expect(keys(r.errors)).toEqual(["resolved_gt_available"]);
    expect(r.errors[0]!.message).toBe(
      "Số hồ sơ đã giải quyết (trước hạn + đúng hạn + quá hạn = 111) không được lớn hơn số hồ sơ còn đang giải quyết cuối tháng trước (10) cộng số tiếp nhận trong tháng (100) = 110",
    );
    expect(validateMonth(v, { previous: month({ proc_pending: 11 }) }).errors).toEqual([]);
    expect(validateMonth(v, { previous: null }).errors).toEqual([]);
    expect(validateMonth(v, { previous: {} }).errors).toEqual([]);
    // A partial draft (one component missing) is not checked.
    expect(
      validateMonth({ ...v, proc_resolved_late: undefined }, { previous: month({ proc_pending: 0 }) }).errors,
    ).toEqual([]);
  });

  it("dossiers digitised > resolved + pending", () => {
    // resolved 82 + pending 30 = 112
    expect(validateMonth(month({ dossiers_digitised: 112 })).errors).toEqual([]);
    const r = validateMonth(month({ dossiers_digitised: 113 }));
    expect(r.errors).toEqual([
      {
        field: "dossiers_digitised",
        key: "digitised_gt_dossiers",
        message:
          "Số hồ sơ TTHC được số hoá (113) không được lớn hơn số hồ sơ đã giải quyết (82) cộng đang giải quyết cuối kỳ (30) = 112",
      },
    ]);
  });

  it("feedback resolved > received (this month's received; the feedback backlog is not modelled)", () => {
    expect(validateMonth(month({ feedback_received: 10, feedback_resolved: 10 })).errors).toEqual([]);
    const r = validateMonth(month({ feedback_received: 10, feedback_resolved: 11 }));
    expect(r.errors[0]!.message).toBe(
      "Số phản ánh, kiến nghị đã xử lý (11) không được lớn hơn số phản ánh, kiến nghị tiếp nhận (10)",
    );
  });

  it("reports every broken rule at once, with thousands in Vietnamese format", () => {
    const r = validateMonth(
      month({
        proc_received: 1000,
        proc_received_online: 1500,
        feedback_resolved: 11,
        feedback_received: 10,
        dossiers_digitised: 9999,
      }),
    );
    expect(keys(r.errors)).toEqual(["online_gt_received", "digitised_gt_dossiers", "feedback_resolved_gt_received"]);
    expect(r.errors[0]!.message).toBe("Số hồ sơ trực tuyến (1.500) không được lớn hơn số hồ sơ tiếp nhận (1.000)");
  });
});

describe("warnings", () => {
  const history = [100, 90, 110, 100, 95, 105].map((x) => month({ proc_received: x }));

  it("none without history, or with a zero median", () => {
    expect(validateMonth(month({ proc_received: 1000, proc_received_online: 10 }), { history: [] }).warnings).toEqual(
      [],
    );
    const zeros = [0, 0, 0].map((x) => month({ shortage_finance: x }));
    expect(validateMonth(month({ shortage_finance: 5 }), { history: zeros }).warnings).toEqual([]);
  });

  it("above 3× the median of the previous months", () => {
    // median 100: 300 is fine, 301 is not.
    expect(validateMonth(month({ proc_received: 300 }), { history }).warnings).toEqual([]);
    const r = validateMonth(month({ proc_received: 301 }), { history });
    expect(r.warnings).toEqual([
      {
        field: "proc_received",
        key: "outlier_high:proc_received",
        message: "Hồ sơ TTHC tiếp nhận (301) lớn hơn 3 lần trung vị 6 tháng trước (100)",
      },
    ]);
    expect(r.errors).toEqual([]);
  });

  it("below ⅓ of the median, including zero", () => {
    expect(validateMonth(month({ proc_received: 34, proc_received_online: 30 }), { history }).warnings).toEqual([]);
    const r = validateMonth(month({ proc_received: 33, proc_received_online: 30 }), { history });
    expect(keys(r.warnings)).toEqual(["outlier_low:proc_received"]);
    expect(r.warnings[0]!.message).toBe("Hồ sơ TTHC tiếp nhận (33) nhỏ hơn 1/3 trung vị 6 tháng trước (100)");
    expect(keys(validateMonth(month({ proc_received: 0, proc_received_online: 0 }), { history }).warnings)).toEqual([
      "outlier_low:proc_received",
      "outlier_low:proc_received_online",
    ]);
  });

  it("uses only months that have the value, and at most 6 of them", () => {
    const gappy: MonthValues[] = [{}, { proc_received: 10 }, {}];
    expect(
      validateMonth(month({ proc_received: 31, proc_received_online: 1 }), { history: gappy }).warnings[0]!.message,
    ).toBe("Hồ sơ TTHC tiếp nhận (31) lớn hơn 3 lần trung vị 1 tháng trước (10)");
    const seven = [...history, month({ proc_received: 100000 })];
    expect(validateMonth(month({ proc_received: 301 }), { history: seven }).warnings).toHaveLength(1);
  });

  it("only for a material difference: the ratio and an absolute change of at least OUTLIER_MIN_CHANGE (issue 28)", () => {
    // "Phản ánh (0) nhỏ hơn 1/3 trung vị (1)" blocked bulk approval: a change of 1 is no outlier.
    const ones = [1, 1, 1].map((x) => month({ feedback_received: x, feedback_resolved: 0 }));
    expect(
      keys(validateMonth(month({ feedback_received: 0, feedback_resolved: 0 }), { history: ones }).warnings),
    ).toEqual([]);
    const twos = [2, 2, 2].map((x) => month({ feedback_received: x, feedback_resolved: 0 }));
    expect(
      keys(validateMonth(month({ feedback_received: 6, feedback_resolved: 0 }), { history: twos }).warnings),
    ).toEqual([]);
    expect(OUTLIER_MIN_CHANGE).toBe(5);
    const threes = [3, 3, 3].map((x) => month({ feedback_received: x, feedback_resolved: 0 }));
    expect(
      keys(validateMonth(month({ feedback_received: 10, feedback_resolved: 0 }), { history: threes }).warnings),
    ).toEqual(["outlier_high:feedback_received"]);
  });

  it("never for the one-stop flag", () => {
    const ones = [1, 1, 1].map((x) => month({ one_stop_operating: x }));
    expect(validateMonth(month({ one_stop_operating: 0 }), { history: ones }).warnings).toEqual([]);
  });

  it("staff above quota", () => {
    expect(validateMonth(month({ staff_quota: 260 })).warnings).toEqual([]);
    const r = validateMonth(month({ staff_quota: 259 }));
    expect(r.warnings).toEqual([
      {
        field: "staff_quota",
        key: "staff_above_quota",
        message: "Tổng số cán bộ, công chức, viên chức (260) vượt biên chế được giao (259)",
      },
    ]);
  });

  it("acknowledgement is by key", () => {
    const r = validateMonth(month({ proc_received: 301, staff_quota: 259 }), { history });
    expect(keys(r.warnings)).toEqual(["outlier_high:proc_received", "staff_above_quota"]);
    expect(keys(unacknowledged(r.warnings, ["staff_above_quota"]))).toEqual(["outlier_high:proc_received"]);
    expect(unacknowledged(r.warnings, ["staff_above_quota", "outlier_high:proc_received"])).toEqual([]);
  });
});

describe("helpers", () => {
  it("median", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("live totals", () => {
    expect(monthTotals(month())).toEqual({
      staffTotal: 260,
      resolved: 82,
      onTimeRate: (80 / 82) * 100,
      onlineRate: 40,
      shortageTotal: 4,
    });
    expect(monthTotals({})).toEqual({
      staffTotal: null,
      resolved: null,
      onTimeRate: null,
      onlineRate: null,
      shortageTotal: null,
    });
    expect(
      monthTotals(month({ proc_resolved_early: 0, proc_resolved_on_time: 0, proc_resolved_late: 0, proc_received: 0 }))
        .onTimeRate,
    ).toBeNull();
  });

  it("sections cover every field once, in order", () => {
    expect(FORM_SECTIONS.map((s) => s.id)).toEqual([
      "staffing",
      "shortage",
      "one_stop",
      "procedures",
      "digitisation",
      "feedback",
    ]);
    expect(FORM_SECTIONS.flatMap((s) => s.fields).sort()).toEqual([...REPORT_FIELDS].sort());
    expect(REPORT_FIELDS).toHaveLength(19);
    expect(REPORT_FIELDS).not.toContain("staff_all_levels");
  });

  it("diffValues lists changed fields only", () => {
    expect(diffValues(month(), month())).toEqual([]);
    expect(diffValues({ proc_received: 1 }, { proc_received: 2, proc_pending: 3 })).toEqual([
      { field: "proc_received", old: 1, new: 2 },
      { field: "proc_pending", old: null, new: 3 },
    ]);
  });
});
