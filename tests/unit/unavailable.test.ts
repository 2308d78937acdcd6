import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/data/unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a stopped, restarting or refusing server, also wrapped in causes or several addresses", () => {
    expect(isDatabaseUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(withCode('database "e2e" is not currently accepting connections', "55000"))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(
        new Error("query failed", { cause: withCode("the database system is starting up", "57P03") }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode("refused", "ECONNREFUSED")], "connect failed"))).toBe(
      true,
    );
  });

  it("does not excuse bugs or refused data as an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint "x"', "23505"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
