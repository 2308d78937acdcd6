import { describe, expect, it } from "vitest";
import { demoDecision, isDemoAccount, isDemoInstallationFacts } from "@/lib/domain/installation";

describe("demo accounts", () => {
  it("are the demo usernames with their demo address, nothing else", () => {
    expect(isDemoAccount({ username: "admin", email: "admin@demo.invalid" })).toBe(true);
    expect(isDemoAccount({ username: "xa-03637", email: "xa-03637@demo.invalid" })).toBe(true);
    expect(isDemoAccount({ username: "admin", email: "admin@laichau.gov.vn" })).toBe(false);
    expect(isDemoAccount({ username: "nguyenvana", email: "nguyenvana@demo.invalid" })).toBe(false);
    expect(isDemoAccount({ username: null, email: "admin@demo.invalid" })).toBe(false);
  });
});

describe("whether a start loads the demo data", () => {
  const empty = { demoDataEnv: undefined, realMark: null, realAccounts: 0, reports: 0 };
  it("loads them into an empty database with no real account", () => {
    expect(demoDecision(empty)).toEqual({ load: true });
  });
  it("never into a database marked real, whatever DEMO_DATA says", () => {
    const d = demoDecision({
      ...empty,
      demoDataEnv: "1",
      realMark: { reason: "started with DEMO_DATA=0", setAt: new Date("2026-12-01T00:00:00Z") },
    });
    expect(d).toMatchObject({ load: false, markReal: null });
    expect(d.load === false && d.why).toMatch(/real installation \(started with DEMO_DATA=0/);
  });
  it("DEMO_DATA=0 marks the database real", () => {
    expect(demoDecision({ ...empty, demoDataEnv: "0" })).toEqual({
      load: false,
      why: "DEMO_DATA=0",
      markReal: "started with DEMO_DATA=0",
    });
  });
  it("a real account marks it real, even with no report", () => {
    expect(demoDecision({ ...empty, realAccounts: 2 })).toMatchObject({
      load: false,
      markReal: expect.stringMatching(/2 account/),
    });
  });
  it("reports already there: no demo data, no mark", () => {
    expect(demoDecision({ ...empty, reports: 5 })).toMatchObject({ load: false, markReal: null });
  });
  it("a demo installation has demo data or accounts and nothing real", () => {
    expect(isDemoInstallationFacts({ realMark: null, realAccounts: 0, demoMark: true, demoAccounts: 41 })).toBe(true);
    expect(isDemoInstallationFacts({ realMark: null, realAccounts: 1, demoMark: true, demoAccounts: 41 })).toBe(false);
    expect(
      isDemoInstallationFacts({ realMark: { reason: "x" }, realAccounts: 0, demoMark: true, demoAccounts: 41 }),
    ).toBe(false);
    expect(isDemoInstallationFacts({ realMark: null, realAccounts: 0, demoMark: false, demoAccounts: 0 })).toBe(false);
  });
});
