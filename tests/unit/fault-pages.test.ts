import { describe, expect, it } from "vitest";
import { failureOf } from "@/lib/auth/action";
import { isDiskFull } from "@/lib/data/unavailable";
import { faultKind, faultPage } from "@/lib/web/fault-page";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("a full disk", () => {
  it("is recognised from PostgreSQL's disk_full, the system's ENOSPC, also as a cause", () => {
    expect(isDiskFull(withCode('could not extend file "base/16384/16390": No space left on device', "53100"))).toBe(
      true,
    );
    expect(isDiskFull(withCode("ENOSPC: no space left on device, write", "ENOSPC"))).toBe(true);
    expect(isDiskFull(new Error("save failed", { cause: withCode("could not write to file", "53100") }))).toBe(true);
    expect(isDiskFull(withCode('duplicate key value violates unique constraint "x"', "23505"))).toBe(false);
    expect(isDiskFull(new Error("Connection terminated unexpectedly"))).toBe(false);
  });

  it("a save on a full disk says so, not 'lỗi ngoài dự kiến'", () => {
    const f = failureOf("saveMonth", withCode('could not extend file "base/1/2": No space left on device', "53100"));
    expect(f.code).toBe("DISK_FULL");
    expect(f.message).toMatch(/^Máy chủ hết dung lượng lưu trữ/);
    expect(f.retryable).toBe(true);
  });
});

describe("the page for a fault", () => {
  it("says what happened and what to do, in Vietnamese, per kind", () => {
    expect(faultKind(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe("unavailable");
    expect(faultKind(withCode("No space left on device", "53100"))).toBe("diskFull");
    expect(faultKind(new TypeError("x is undefined"))).toBe("error");

    const down = faultPage("unavailable", "R-7F3A9C", "vi");
    expect(down.status).toBe(503);
    expect(down.html).toContain('<html lang="vi">');
    expect(down.html).toMatch(/Máy chủ dữ liệu tạm thời không truy cập được/);
    expect(down.html).toMatch(/thử lại/i);
    const full = faultPage("diskFull", "R-1", "vi");
    expect(full.status).toBe(507);
    expect(full.html).toMatch(/Máy chủ hết dung lượng lưu trữ/);
    const bug = faultPage("error", "R-2B", "vi");
    expect(bug.status).toBe(500);
    expect(bug.html).toMatch(/Mã tham chiếu: <strong>R-2B<\/strong>/);
    expect(bug.html).toMatch(/quản trị viên/);
    expect(faultPage("error", "R-2B", "en").html).toMatch(/Reference: <strong>R-2B<\/strong>/);
  });

  it("escapes the reference", () => {
    expect(faultPage("error", "<script>", "vi").html).not.toContain("<script>");
  });
});

describe("an API request that fails on a fault", () => {
  it("answers JSON with a Vietnamese message and a status per kind, never an empty 500", async () => {
    const { faultJson } = await import("@/lib/web/fault-page");
    const quiet = console.error;
    console.error = () => {};
    try {
      const down = faultJson(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), "sign-in");
      expect(down.status).toBe(503);
      expect((await down.json()).message).toMatch(/^Máy chủ dữ liệu tạm thời không truy cập được/);
      const bug = faultJson(new TypeError("x"), "sign-in");
      expect(bug.status).toBe(500);
      expect((await bug.json()).message).toMatch(/Mã tham chiếu: R-[0-9A-F]{8}/);
    } finally {
      console.error = quiet;
    }
  });
});
