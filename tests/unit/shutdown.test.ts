import { describe, expect, it } from "vitest";
import { drainMs, stopGuardMs } from "@/lib/web/shutdown";

describe("how long a stopping server answers the requests in flight", () => {
  it("3 s with the embedded database (npm start stops within 10 s), 25 s with the province's own PostgreSQL", () => {
    expect(drainMs(true, {})).toBe(3_000);
    expect(drainMs(false, {})).toBe(25_000);
    expect(stopGuardMs(true, {})).toBeLessThanOrEqual(10_000);
    expect(stopGuardMs(false, {})).toBeGreaterThan(drainMs(false, {}));
  });

  it("SHUTDOWN_DRAIN_MS sets it; a value that is not a number of milliseconds is ignored", () => {
    expect(drainMs(false, { SHUTDOWN_DRAIN_MS: "5000" })).toBe(5_000);
    expect(drainMs(true, { SHUTDOWN_DRAIN_MS: "0" })).toBe(0);
    expect(drainMs(false, { SHUTDOWN_DRAIN_MS: "soon" })).toBe(25_000);
    expect(drainMs(false, { SHUTDOWN_DRAIN_MS: "-1" })).toBe(25_000);
  });
});
