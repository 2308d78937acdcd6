import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABEL_VI, auditActionLabel, auditFieldLabel, auditValueText } from "@/lib/domain/audit-words";

describe("the audit log in words", () => {
  it("names statuses, fields and actions as the UI does", () => {
    expect(
      `${auditFieldLabel("status")}: ${auditValueText("status", "SUBMITTED")} → ${auditValueText("status", "APPROVED")}`,
    ).toBe("Trạng thái: Chờ duyệt → Đã duyệt");
    expect(
      `${auditFieldLabel("feedback_received")}: ${auditValueText("feedback_received", 1200)} → ${auditValueText("feedback_received", null)}`,
    ).toBe("Phản ánh, kiến nghị tiếp nhận: 1.200 → —");
    expect(auditValueText("locked", true)).toBe("có");
    expect(auditActionLabel("report.import")).toBe("Cập nhật báo cáo từ tệp");
  });

  it("has a label for every action the data layer writes", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const written = new Set<string>();
    // lib/data and its folders (lib/data/reports: one use case per file).
    for (const file of readdirSync("lib/data", { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    )) {
      const text = readFileSync(`lib/data/${file}`, "utf8");
      for (const m of text.matchAll(/["'`]((?:report|period|user|import|api_token|index766)\.[a-z_]+)["'`]/g))
        written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((a) => !(a in AUDIT_ACTION_LABEL_VI))).toEqual([]);
  });
});
