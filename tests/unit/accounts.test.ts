import { describe, expect, it } from "vitest";
import { accountHealth } from "@/lib/domain/account-health";
import {
  accountWords,
  communeProblem,
  normalizeUsername,
  parseRole,
  suggestUsername,
  usernameProblem,
} from "@/lib/domain/accounts";
import { ACCOUNT_FREE, LOCK_MS, PAIR_MAX, accountDelayMs, decide } from "@/lib/domain/login-throttle";

describe("usernames and roles", () => {
  it("keeps usernames in lower case and refuses anything outside the fixed set", () => {
    expect(normalizeUsername("  XA-03637 ")).toBe("xa-03637");
    expect(usernameProblem("xa-03637")).toBeNull();
    for (const bad of ["ab", "a b c", "-abc", "ngườidùng", "a".repeat(41), "x;drop"])
      expect(usernameProblem(bad), bad).not.toBeNull();
  });

  it("reads a role from its code or its Vietnamese label, in any case", () => {
    expect(parseRole("commune")).toBe("COMMUNE");
    expect(parseRole("Cán bộ tỉnh")).toBe("PROVINCE");
    expect(parseRole("quản trị")).toBe("ADMIN");
    expect(parseRole("BOSS")).toBeNull();
  });

  it("binds commune accounts, and only them, to a commune", () => {
    expect(communeProblem("COMMUNE", false)).toContain("phải gắn");
    expect(communeProblem("ANALYST", true)).toContain("Chỉ tài khoản cấp xã");
    expect(communeProblem("COMMUNE", true)).toBeNull();
  });

  it("suggests xa-<code>, then -2, -3 for a commune's further accounts", () => {
    const taken = new Set(["xa-03637", "xa-03637-2"]);
    expect(suggestUsername({ role: "COMMUNE", communeCode: "03637", name: "Lò Văn A" }, (u) => taken.has(u))).toBe(
      "xa-03637-3",
    );
    expect(suggestUsername({ role: "PROVINCE", communeCode: null, name: "Đỗ Thị Hà" }, () => false)).toBe("do.thi.ha");
  });

  it("names an account in words for the audit log", () => {
    expect(accountWords({ username: "xa-03637", role: "COMMUNE", communeName: "Xã Mường Kim" })).toBe(
      "xa-03637 (Xã Mường Kim, vai trò Cán bộ xã, phường)",
    );
  });
});

describe("the login throttle's model", () => {
  const T = 1_000_000_000;
  it("refuses one address after PAIR_MAX failures at one account, for LOCK_MS after the last", () => {
    expect(decide({ pair: { count: PAIR_MAX - 1, last: T } }, T).allowed).toBe(true);
    expect(decide({ pair: { count: PAIR_MAX, last: T } }, T + LOCK_MS - 1).allowed).toBe(false);
    expect(decide({ pair: { count: PAIR_MAX, last: T } }, T + LOCK_MS).allowed).toBe(true);
  });

  it("slows an account down with a doubling delay after ACCOUNT_FREE failures, never past a minute", () => {
    expect(accountDelayMs(ACCOUNT_FREE - 1)).toBe(0);
    expect(accountDelayMs(ACCOUNT_FREE)).toBe(1000);
    expect(accountDelayMs(ACCOUNT_FREE + 3)).toBe(8000);
    expect(accountDelayMs(ACCOUNT_FREE + 30)).toBe(60_000);
    expect(decide({ account: { count: ACCOUNT_FREE + 1, last: T } }, T + 1999).allowed).toBe(false);
    expect(decide({ account: { count: ACCOUNT_FREE + 1, last: T } }, T + 2000).allowed).toBe(true);
  });
});

describe("account health", () => {
  const now = new Date("2026-12-07T02:00:00Z");
  const communes = [
    { code: "03637", fullName: "Xã Mường Kim" },
    { code: "03451", fullName: "Xã Sìn Hồ" },
  ];
  it("lists what an administrator should act on", () => {
    const lists = accountHealth(
      [
        {
          username: "a",
          role: "COMMUNE",
          communeCode: "03637",
          disabled: false,
          activation: null,
          lastSignInAt: new Date("2026-11-20T02:00:00Z"),
          twoFactor: false,
        },
        {
          username: "b",
          role: "COMMUNE",
          communeCode: "03451",
          disabled: false,
          activation: { expiresAt: new Date("2026-12-01T00:00:00Z"), used: false },
          lastSignInAt: null,
          twoFactor: false,
        },
        {
          username: "quantri",
          role: "ADMIN",
          communeCode: null,
          disabled: false,
          activation: null,
          lastSignInAt: now,
          twoFactor: false,
        },
      ],
      communes,
      now,
      ["ADMIN"],
    );
    const of = (key: string) => lists.find((l) => l.key === key)!.items;
    expect(of("expired")).toEqual(["b"]);
    expect(of("pending")).toEqual([]);
    expect(of("no-second-factor")).toEqual(["quantri"]);
    expect(of("communes-without-account")).toEqual(["Xã Sìn Hồ"]);
    expect(of("communes-not-signed-in")).toEqual(["Xã Mường Kim"]);
  });
});
