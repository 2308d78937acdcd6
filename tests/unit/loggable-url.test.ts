import { describe, expect, it } from "vitest";
import { loggableUrl } from "@/lib/web/fault-page";

describe("a request's address as the server log keeps it", () => {
  it("never holds the setup token or any other secret parameter", () => {
    const token = "lA6Mixzk1KsjPqNNqyPxqSY-w24ySpFOBVNcv2KzfL0";
    const logged = loggableUrl(`/setup?token=${token}`);
    expect(logged).not.toContain(token);
    expect(logged).toBe("/setup?token=…");
    expect(loggableUrl("/x?code=ABCD-EFGH-JKLM&password=a&from=2026-01")).toBe("/x?code=…&password=…&from=2026-01");
  });

  it("keeps the rest as it came", () => {
    expect(loggableUrl("/?from=2025-07&to=2025-09")).toBe("/?from=2025-07&to=2025-09");
    expect(loggableUrl("/communes/03637")).toBe("/communes/03637");
    expect(loggableUrl(undefined)).toBe("");
  });
});
