import { describe, expect, it } from "vitest";
import { colourRule } from "@/lib/domain/colour-rule";
import { getIndicator } from "@/lib/domain/indicators";

describe("one colour rule", () => {
  it("colours an indicator with a target by the target, whatever the other communes did", () => {
    const online = getIndicator("proc_online_rate"); // target ≥ 50%
    // Every commune misses the target: none of them may look good.
    const rule = colourRule(online, [12, 20, 31]);
    expect(rule.kind).toBe("target");
    expect([12, 20, 31].map(rule.shade)).toEqual(["bad", "bad", "bad"]);
    expect(rule.shade(48)).toBe("warning");
    expect(rule.shade(50)).toBe("good");
  });

  it("follows the direction: fewer missing specialists is better", () => {
    const shortage = getIndicator("shortage_finance"); // target 0, lower is better
    const rule = colourRule(shortage, [0, 1, 3]);
    expect(rule.shade(0)).toBe("good");
    expect(rule.shade(3)).toBe("bad");
  });

  it("uses a neutral scale, darker for more, when there is no target", () => {
    const staff = getIndicator("staff_total");
    const rule = colourRule(staff, [10, 20, 30, 40, 60]);
    expect(rule.kind).toBe("scale");
    expect(rule.shade(10)).toBe("s0");
    expect(rule.shade(60)).toBe("s4");
  });

  it("never gives a missing value a colour of the scale", () => {
    expect(colourRule(getIndicator("proc_on_time_rate"), [99]).shade(null)).toBe("none");
    expect(colourRule(getIndicator("staff_total"), [1, 2]).shade(undefined)).toBe("none");
  });
});
