import { describe, expect, it } from "vitest";
import { type ImportProgress, advanceProgress, finalProgress, progressShare } from "@/lib/domain/import/progress";

const reading: ImportProgress = { step: "reading", done: 0, total: null };
const checking = (done: number, total: number | null = 100): ImportProgress => ({ step: "checking", done, total });
const writing = (done: number): ImportProgress => ({ step: "writing", done, total: 4 });

describe("the import page's progress (issue 23, item 8)", () => {
  it("takes the first answer and every later step", () => {
    expect(advanceProgress(null, reading)).toEqual(reading);
    expect(advanceProgress(reading, checking(0))).toEqual(checking(0));
    expect(advanceProgress(checking(100), writing(1))).toEqual(writing(1));
  });

  it("never moves back: an answer of an earlier step, or of less done, arriving late is ignored", () => {
    expect(advanceProgress(writing(2), checking(100))).toEqual(writing(2));
    expect(advanceProgress(checking(0), reading)).toEqual(checking(0));
    expect(advanceProgress(writing(3), writing(1))).toEqual(writing(3));
    expect(advanceProgress(checking(50), checking(100))).toEqual(checking(100));
  });

  it("keeps what it shows when the answer is empty (the run has ended or not started on the server)", () => {
    expect(advanceProgress(writing(2), null)).toEqual(writing(2));
    expect(advanceProgress(null, null)).toBeNull();
  });

  it("prefers a known total to an unknown one within a step", () => {
    expect(advanceProgress(checking(0, null), checking(0, 100))).toEqual(checking(0, 100));
    expect(advanceProgress(checking(0, 100), checking(5, null))).toEqual(checking(0, 100));
  });

  it("shares the bar among the steps: a dry run has two, a commit three", () => {
    expect(progressShare(reading, false)).toBe(0);
    expect(progressShare(checking(50), false)).toBe(0.75);
    expect(progressShare(checking(100), true)).toBeCloseTo(2 / 3);
    expect(progressShare(writing(4), true)).toBe(1);
    expect(progressShare(writing(2), true)).toBeCloseTo(5 / 6);
    // A total of 0 or past the end stays within the bar.
    expect(progressShare(checking(0, 0), false)).toBe(0.5);
    expect(progressShare(checking(300), false)).toBe(1);
  });
});

describe("where a run that answered ended", () => {
  it("a dry run, or a refused commit, ends with every row checked; a commit with every stage written", () => {
    expect(finalProgress("dry-run", 8664, false)).toEqual(checking(8664, 8664));
    expect(finalProgress("commit", 12, false)).toEqual(checking(12, 12));
    expect(finalProgress("commit", 12, true)).toEqual(writing(4));
    expect(progressShare(finalProgress("commit", 12, true), true)).toBe(1);
    expect(progressShare(finalProgress("dry-run", 12, false), false)).toBe(1);
  });
});
