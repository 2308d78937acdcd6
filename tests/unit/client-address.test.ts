import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, parseTrustedProxies } from "@/lib/web/client-address";

describe("the client address the login limits count (attack 3)", () => {
  const none = parseTrustedProxies(undefined);

  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("::ffff:203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", ["1.2.3.4", "5.6.7.8"], none)).toBe("203.0.113.7");
    expect(clientAddress("::1", undefined, none)).toBe("::1");
  });

  it("believes X-Forwarded-For from trusted proxies only, reading from the right", () => {
    const proxies = parseTrustedProxies("10.0.0.1, 172.16.0.0/12");
    // The client prepended a lie; the proxy appended the address it saw.
    expect(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9", proxies)).toBe("198.51.100.9");
    // Two trusted hops.
    expect(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9, 172.16.3.4", proxies)).toBe("198.51.100.9");
    // A socket that is not a trusted proxy: its header is ignored.
    expect(clientAddress("192.0.2.5", "198.51.100.9", proxies)).toBe("192.0.2.5");
    // Garbage from the proxy: stop at what can be vouched for.
    expect(clientAddress("10.0.0.1", "not-an-ip", proxies)).toBe("10.0.0.1");
  });

  it("normalises addresses and refuses a bad TRUSTED_PROXIES entry", () => {
    expect(normaliseAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("[::1]")).toBe("::1");
    expect(normaliseAddress("evil")).toBeNull();
    expect(() => parseTrustedProxies("10.0.0.1, proxy.example")).toThrow(/TRUSTED_PROXIES/);
  });
});
