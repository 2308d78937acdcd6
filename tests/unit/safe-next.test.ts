import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/domain/safe-next";

describe("where the browser goes after login (attack 5: open redirect)", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeNextPath("/communes/03637?period=2025-09")).toBe("/communes/03637?period=2025-09");
    expect(safeNextPath("/entry/2025-10#form")).toBe("/entry/2025-10#form");
  });

  it("sends anything that a browser would read as another host to /", () => {
    for (const next of [
      "/\\evil.example/",
      "/\t/evil.example/",
      "//evil.example/",
      "/\n/evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/%00",
      "/\u0000/evil.example",
      "",
      null,
      undefined,
      "evil.example",
    ]) {
      const out = safeNextPath(next);
      expect(new URL(out, "http://app.test").origin, String(next)).toBe("http://app.test");
      if (next && /[\\\t\n\u0000]|^\/\/|^[a-z]+:/i.test(next)) expect(out).toBe("/");
    }
  });

  it("refuses a path that normalises to another host (dot segments, encoded dots, repeated slashes)", () => {
    for (const next of [
      "/.//evil.example/phish",
      "/x/..//evil.example/",
      "/%2e%2e//evil.example",
      "/%2E%2E//evil.example",
      "/./%2e//evil.example",
      "/a/b/../..//evil.example",
      "/..//evil.example",
      "/.%2e//evil.example",
      "/%2e//evil.example",
    ]) {
      const out = safeNextPath(next);
      // What the browser does with the answer: location.assign(out), resolved against this page.
      expect(new URL(out, "http://app.test").origin, next).toBe("http://app.test");
      expect(out.startsWith("//"), next).toBe(false);
      // A second pass changes nothing: the answer is already in the browser's normal form.
      expect(safeNextPath(out), next).toBe(out);
    }
    expect(safeNextPath("/a/./b/../c?x=1")).toBe("/a/c?x=1");
  });
});
