import { describe, expect, it } from "vitest";
import { mergeMonthValues, resolveConflicts, valuesBefore } from "@/lib/domain/merge";

describe("mergeMonthValues (base, mine, theirs)", () => {
  const base = { staff_quota: 392, feedback_received: 1, proc_received: 100 };

  it("takes fields only I changed and keeps fields only they changed", () => {
    const mine = { ...base, feedback_received: 9 };
    const theirs = { ...base, staff_quota: 333 };
    const r = mergeMonthValues(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual({ staff_quota: 333, feedback_received: 9, proc_received: 100 });
    expect(r.takenFromTheirs).toEqual(["staff_quota"]);
  });

  it("reports a conflict only where both changed one field to different values", () => {
    const mine = { ...base, staff_quota: 400, proc_received: 120 };
    const theirs = { ...base, staff_quota: 333, proc_received: 120, feedback_received: 2 };
    const r = mergeMonthValues(base, mine, theirs);
    expect(r.conflicts).toEqual([{ field: "staff_quota", base: 392, mine: 400, theirs: 333 }]);
    expect(r.merged).toEqual({ staff_quota: 333, proc_received: 120, feedback_received: 2 });
  });

  it("treats a cleared field as a change (to null) on either side", () => {
    const mine = { staff_quota: 392, proc_received: 100 }; // I cleared feedback_received
    const theirs = { ...base, staff_quota: 333 };
    const r = mergeMonthValues(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual({ staff_quota: 333, proc_received: 100 });
    const both = mergeMonthValues(base, mine, { ...base, feedback_received: 5 });
    expect(both.conflicts).toEqual([{ field: "feedback_received", base: 1, mine: null, theirs: 5 }]);
  });

  it("no choice in the conflict can revert a field the user did not touch", () => {
    const mine = { ...base, feedback_received: 9 };
    const theirs = { ...base, staff_quota: 333, feedback_received: 4 };
    const r = mergeMonthValues(base, mine, theirs);
    expect(r.conflicts.map((c) => c.field)).toEqual(["feedback_received"]);
    for (const choice of ["mine", "theirs"] as const) {
      expect(resolveConflicts(r, { feedback_received: choice }).staff_quota).toBe(333);
    }
    expect(resolveConflicts(r, { feedback_received: "mine" }).feedback_received).toBe(9);
    expect(resolveConflicts(r, { feedback_received: "theirs" }).feedback_received).toBe(4);
  });

  it("is the identity when nobody changed anything", () => {
    expect(mergeMonthValues(base, base, base)).toEqual({ merged: base, conflicts: [], takenFromTheirs: [] });
  });
});

describe("valuesBefore (undo audited saves)", () => {
  it("gives the values as they were before the saves, newest undone first; non-report keys ignored", () => {
    const now = { staff_quota: 300, feedback_received: 9, proc_received: 5 };
    const saves: Record<string, { old: unknown; new: unknown }>[] = [
      { staff_quota: { old: 392, new: 350 }, status: { old: "RETURNED", new: "DRAFT" } },
      { staff_quota: { old: 350, new: 300 }, feedback_received: { old: null, new: 9 } },
    ];
    expect(valuesBefore(now, saves)).toEqual({ staff_quota: 392, proc_received: 5 });
    expect(valuesBefore(now, [])).toEqual(now);
  });
});
