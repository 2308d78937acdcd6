import { describe, expect, it } from "vitest";
import {
  type MonthState,
  READ_ONLY_NOTICE_VI,
  monthEditability,
  readOnlyRefusalVi,
} from "@/lib/domain/month-editability";

const open: MonthState = { mayEdit: true, period: "2026-10", latestOpen: "2026-11", locked: false, status: null };

describe("monthEditability: why a month is read-only", () => {
  it("lets the commune's own staff edit a month with no report, a draft or a returned report", () => {
    for (const status of [null, "DRAFT", "RETURNED"] as const) {
      expect(monthEditability({ ...open, status })).toEqual({ editable: true, reason: null });
    }
  });

  it("the current month is open, the next one is not", () => {
    expect(monthEditability({ ...open, period: "2026-11" }).editable).toBe(true);
    expect(monthEditability({ ...open, period: "2026-12" })).toEqual({ editable: false, reason: "NOT_OPEN" });
  });

  it("a submitted report waits for review, an approved one is final, a locked month is closed", () => {
    expect(monthEditability({ ...open, status: "SUBMITTED" }).reason).toBe("SUBMITTED");
    expect(monthEditability({ ...open, status: "APPROVED" }).reason).toBe("APPROVED");
    expect(monthEditability({ ...open, locked: true }).reason).toBe("LOCKED");
  });

  it("checks in one order: who, which month, the lock, then the status", () => {
    const everything: MonthState = {
      mayEdit: false,
      period: "2026-12",
      latestOpen: "2026-11",
      locked: true,
      status: "APPROVED",
    };
    expect(monthEditability(everything).reason).toBe("NOT_EDITOR");
    expect(monthEditability({ ...everything, mayEdit: true }).reason).toBe("NOT_OPEN");
    expect(monthEditability({ ...everything, mayEdit: true, period: "2026-11" }).reason).toBe("LOCKED");
    expect(monthEditability({ ...open, locked: true, status: "SUBMITTED" }).reason).toBe("LOCKED");
    expect(monthEditability({ ...open, status: "APPROVED" }).reason).toBe("APPROVED");
  });

  it("words each reason for the page and for a refused save", () => {
    expect(READ_ONLY_NOTICE_VI.LOCKED).toBe("Tháng này đã khoá sổ: số liệu chỉ để xem.");
    expect(readOnlyRefusalVi("LOCKED", "2026-03")).toBe("Tháng 03/2026 đã khoá sổ: không thể thay đổi số liệu.");
    expect(readOnlyRefusalVi("SUBMITTED", "2026-03")).toBe("Báo cáo đã nộp và đang chờ tỉnh duyệt: không sửa được.");
  });
});
