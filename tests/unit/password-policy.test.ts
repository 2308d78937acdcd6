import { describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { newPasswordProblem, passwordProblem } from "@/lib/domain/password-policy";

const context = { username: "xa-03637", names: ["Lai Châu", "Xã Mường Kim", "Mường Kim"], isCommon: isCommonPassword };

describe("password policy (ASVS 5.0 V6.2)", () => {
  it("accepts any characters from 8 to 128, spaces and Vietnamese included, with no composition rule", () => {
    for (const ok of [
      "hoa ban nở trắng",
      "abcdefgh-ok-not-common-4",
      "trời xanh mây trắng nắng vàng",
      "x".repeat(20) + "y".repeat(108),
    ]) {
      expect(passwordProblem(ok, context), ok).toBeNull();
    }
  });

  it("refuses fewer than 8 characters, counting characters rather than code units", () => {
    expect(passwordProblem("ngắn7ký", context)).toContain("ít nhất 8 ký tự");
    expect(passwordProblem("🌼🌼🌼🌼🌼🌼🌼", context)).toContain("ít nhất 8 ký tự");
    expect(passwordProblem("🌼🌼🌼🌼🌼🌼🌼🌼", context)).toBeNull();
  });

  it("refuses more than 128 characters", () => {
    expect(passwordProblem("a b ".repeat(33), context)).toContain("tối đa 128");
  });

  it("refuses common passwords, Vietnamese ones included, in any case", () => {
    for (const common of [
      "laichau2025",
      "123456a@",
      "matkhau123",
      "Password1",
      "iloveyou",
      "12345678",
      "Admin@123",
      "QWERTYUIOP",
    ]) {
      expect(passwordProblem(common, context), common).toMatch(/phổ biến|tên/);
    }
  });

  it("refuses a password containing the username, the province's or the commune's name, with or without accents and spaces", () => {
    expect(passwordProblem("toi-la-xa-03637!", context)).toBe("Mật khẩu không được chứa tên đăng nhập.");
    expect(passwordProblem("yeu Lai Chau lam", context)).toContain("Lai Châu");
    expect(passwordProblem("muongkim-2026-xyz", context)).toContain("Mường Kim");
  });

  it("compares the two entries after Unicode normalisation, and says when they differ", () => {
    const composed = "hoa ban nở trắng".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(newPasswordProblem(composed, decomposed, context)).toBeNull();
    expect(newPasswordProblem("hoa ban nở trắng", "hoa ban nở trắng!", context)).toBe(
      "Hai lần nhập mật khẩu mới không giống nhau.",
    );
  });

  it("ships a list of at least 10,000 common passwords", async () => {
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync("data/common-passwords.txt", "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(lines.length).toBeGreaterThanOrEqual(10_000);
  });
});
