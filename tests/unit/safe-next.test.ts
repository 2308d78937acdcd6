import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/domain/safe-next";

describe("where the browser goes after login (attack 5: open redirect)", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeNextPath("/communes/03637?period=2025-09")).toBe("/communes/03637?period=2025-09");
    expect(safeNextPath("/entry/2025-10#form")).toBe("/entry/2025-10#form");
  });

  it("sends anything that a browser would read as another host to /", () => {
    for (const next of ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "/\n/evil.example", "\\\\evil.example",
      "https://evil.example/", "javascript:alert(1)", "/%00", "/\u0000/evil.example", "", null, undefined, "evil.example"]) {
      const out = safeNextPath(next);
      expect(new URL(out, "http://app.test").origin, String(next)).toBe("http://app.test");
      if (next && /[\\\t\n\u0000]|^\/\/|^[a-z]+:/i.test(next)) expect(out).toBe("/");
    }
  });
});
