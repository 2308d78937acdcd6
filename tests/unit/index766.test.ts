import { describe, expect, it } from "vitest";
import catalogue from "@/data/indicators_766_catalogue.json";
import {
  type Index766Inputs,
  SUPPORTED_COMPONENTS,
  SUPPORTED_MAX,
  TOTAL_MAX,
  UNSUPPORTED_COMPONENTS,
  rankByTotal,
  scoreIndex766,
  thresholdScore,
} from "@/lib/domain/index766";

const none: Index766Inputs = {
  resolvedEarly: null,
  resolvedOnTime: null,
  resolvedLate: null,
  received: null,
  receivedOnline: null,
  dossiersDigitised: null,
  feedbackReceived: null,
  feedbackResolved: null,
};

const points = (x: Index766Inputs) => Object.fromEntries(scoreIndex766(x).components.map((c) => [c.id, c.points]));

describe("scoreIndex766, hand-computed", () => {
  it("commune A: 40 early + 50 on time + 10 late; 30 of 120 online; 60 digitised; 8 of 10 feedback", () => {
    const s = scoreIndex766({
      resolvedEarly: 40,
      resolvedOnTime: 50,
      resolvedLate: 10,
      received: 120,
      receivedOnline: 30,
      dossiersDigitised: 60,
      feedbackReceived: 10,
      feedbackResolved: 8,
    });
    // 20 × 90/100 = 18; 12 × 0.25 / 0.5 = 6; 4 × 0.6 / 0.8 = 3; 6 × 0.8 = 4.8
    expect(
      points({
        ...none,
        resolvedEarly: 40,
        resolvedOnTime: 50,
        resolvedLate: 10,
        received: 120,
        receivedOnline: 30,
        dossiersDigitised: 60,
        feedbackReceived: 10,
        feedbackResolved: 8,
      }),
    ).toEqual({
      "2.1": expect.closeTo(18, 10),
      "3.x": expect.closeTo(6, 10),
      "4.2": expect.closeTo(3, 10),
      "5.2": expect.closeTo(4.8, 10),
    });
    expect(s.total).toBeCloseTo(31.8, 10);
    expect(s.totalMax).toBe(42);
  });

  it("commune B: all on time, 75% online and 85% digitised reach full marks, no feedback earns 6", () => {
    const s = scoreIndex766({
      resolvedEarly: 0,
      resolvedOnTime: 200,
      resolvedLate: 0,
      received: 200,
      receivedOnline: 150,
      dossiersDigitised: 170,
      feedbackReceived: 0,
      feedbackResolved: 0,
    });
    expect(s.components.map((c) => c.points)).toEqual([20, 12, 4, 6]);
    expect(s.total).toBe(42);
  });

  it("a unit without data has no total, not zero", () => {
    const s = scoreIndex766(none);
    expect(s.total).toBeNull();
    expect(s.totalMax).toBe(0);
    expect(s.components.every((c) => c.points === null && c.rate === null)).toBe(true);
  });

  it("scores only what it has: progress alone is out of 20", () => {
    const s = scoreIndex766({ ...none, resolvedEarly: 1, resolvedOnTime: 0, resolvedLate: 1 });
    expect(s.total).toBe(10);
    expect(s.totalMax).toBe(20);
  });

  it("caps shares at 1 (bad data: more resolved than received)", () => {
    expect(points({ ...none, feedbackReceived: 5, feedbackResolved: 7 })["5.2"]).toBe(6);
  });
});

describe("thresholdScore", () => {
  it("gives full marks from the threshold up and a proportion below", () => {
    expect(thresholdScore(12, 0.5, 0.5)).toBe(12);
    expect(thresholdScore(12, 0.9, 0.5)).toBe(12);
    expect(thresholdScore(4, 0.4, 0.8)).toBe(2);
    expect(thresholdScore(4, 0, 0.8)).toBe(0);
  });
});

describe("the component lists agree with the catalogue", () => {
  it("supported + unsupported maxima make the decision's 100 points", () => {
    const unsupported = UNSUPPORTED_COMPONENTS.reduce((s, c) => s + (c.max ?? 0), 0);
    expect(SUPPORTED_MAX).toBe(42);
    expect(SUPPORTED_MAX + unsupported).toBe(TOTAL_MAX);
    expect(catalogue.total_max).toBe(TOTAL_MAX);
  });

  it("uses the catalogue's maxima for the supported components", () => {
    const group = (name: string) => catalogue.groups.find((g) => g.group === name)!;
    expect(SUPPORTED_COMPONENTS.find((c) => c.id === "2.1")!.max).toBe(group("Tiến độ giải quyết").max);
    expect(SUPPORTED_COMPONENTS.find((c) => c.id === "3.x")!.max).toBe(group("Dịch vụ công trực tuyến").max);
    const metric = (g: string, id: string) =>
      (group(g).metrics as { id?: string; max?: number | null }[]).find((m) => m.id === id)!.max;
    expect(SUPPORTED_COMPONENTS.find((c) => c.id === "4.2")!.max).toBe(metric("Số hóa hồ sơ", "4.2"));
    expect(SUPPORTED_COMPONENTS.find((c) => c.id === "5.2")!.max).toBe(metric("Mức độ hài lòng", "5.2"));
    for (const u of UNSUPPORTED_COMPONENTS.filter((c) => /^\d/.test(c.id) && !c.id.startsWith("1"))) {
      const g = group(u.group);
      expect((g.metrics as { id?: string; max?: number | null }[]).find((m) => m.id === u.id)?.max, u.id).toBe(u.max);
    }
  });
});

describe("rankByTotal", () => {
  it("shares ranks on ties and leaves units without data unranked, last", () => {
    const r = rankByTotal([
      { name: "B", total: 30 },
      { name: "A", total: 40 },
      { name: "C", total: 30 },
      { name: "D", total: null },
      { name: "E", total: 10 },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 2],
      ["E", 4],
      ["D", null],
    ]);
  });
  it("treats totals equal at one decimal as ties", () => {
    const r = rankByTotal([
      { name: "A", total: 39.74 },
      { name: "B", total: 39.66 },
      { name: "C", total: 39.5 },
    ]);
    expect(r.map((x) => x.rank)).toEqual([1, 1, 3]);
  });
});

describe("the portal's scale of 100", () => {
  it("every component with its weight: computed and entered ones add up to 100", async () => {
    const { PORTAL_COMPONENTS } = await import("@/lib/domain/index766");
    expect(PORTAL_COMPONENTS.reduce((s, c) => s + c.max, 0)).toBe(100);
    expect(new Set(PORTAL_COMPONENTS.map((c) => c.key)).size).toBe(PORTAL_COMPONENTS.length);
    expect(PORTAL_COMPONENTS.filter((c) => c.source === "computed").reduce((s, c) => s + c.max, 0)).toBe(42);
  });

  it("a total out of 100 only once every component has points", async () => {
    const { ENTERED_COMPONENTS, portalTotal, scoreIndex766 } = await import("@/lib/domain/index766");
    const score = scoreIndex766({
      resolvedEarly: 50,
      resolvedOnTime: 49,
      resolvedLate: 1,
      received: 100,
      receivedOnline: 60,
      dossiersDigitised: 80,
      feedbackReceived: 10,
      feedbackResolved: 10,
    });
    const some = new Map([["1.1", 6]]);
    const partial = portalTotal(score, some);
    expect(partial.total).toBeNull();
    expect(partial.missing).toHaveLength(ENTERED_COMPONENTS.length - 1);
    const all = new Map(ENTERED_COMPONENTS.map((c) => [c.key, c.max / 2]));
    const full = portalTotal(score, all);
    expect(full.total).toBeCloseTo(score.total! + 29, 6);
    expect(full.missing).toEqual([]);
  });

  it("the entry form reads points the Vietnamese way and refuses more than the weight", async () => {
    const { ZIndex766Entries } = await import("@/lib/domain/index766");
    expect(ZIndex766Entries.parse({ "1.1": "5,5", "3.6": "" })).toMatchObject({ "1.1": 5.5, "3.6": null });
    const refused = ZIndex766Entries.safeParse({ "1.1": "7" });
    expect(refused.error?.issues[0]?.message).toBe("1.1 Tỷ lệ TTHC công bố đúng hạn: tối đa 6 điểm");
  });
});
