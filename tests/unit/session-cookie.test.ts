import { makeSignature } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import { sessionServable, signedSessionToken } from "@/lib/auth/session-cookie";

const SECRET = "a-test-secret-of-reasonable-length-0123456789";
/** better-call's signCookieValue, which better-auth uses for its session cookie: value "." signature, URL-encoded. */
const signCookieValue = async (value: string, secret: string) => encodeURIComponent(`${value}.${await makeSignature(value, secret)}`);

describe("the session cookie, read without better-auth", () => {
  it("accepts a value signed the way better-auth signs it, under either cookie name", async () => {
    const signed = await signCookieValue("tok3nABCdef", SECRET);
    expect(signedSessionToken(`NEXT_LOCALE=vi; better-auth.session_token=${signed}`, SECRET)).toBe("tok3nABCdef");
    expect(signedSessionToken(`__Secure-better-auth.session_token=${signed}`, SECRET)).toBe("tok3nABCdef");
  });

  it("refuses a forged, altered or missing signature, and another secret", async () => {
    const signed = decodeURIComponent(await signCookieValue("tok3nABCdef", SECRET));
    const [token, signature] = [signed.slice(0, signed.lastIndexOf(".")), signed.slice(signed.lastIndexOf(".") + 1)];
    expect(signedSessionToken(`better-auth.session_token=${encodeURIComponent(`other${"."}${signature}`)}`, SECRET)).toBeNull();
    expect(signedSessionToken(`better-auth.session_token=${token}`, SECRET)).toBeNull();
    expect(signedSessionToken(`better-auth.session_token=${encodeURIComponent(signed)}`, `${SECRET}x`)).toBeNull();
    expect(signedSessionToken("better-auth.session_token=%E0%A4%A", SECRET)).toBeNull();
    expect(signedSessionToken(undefined, SECRET)).toBeNull();
  });
});

describe("which sessions the page cache may serve", () => {
  const now = new Date("2026-11-28T10:00:00Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it("a session renewed a minute ago, of an enabled user", () => {
    expect(sessionServable({ expiresAt: at(8 * 60 - 1), createdAt: at(-60), banned: false }, now)).toBe(true);
  });

  it("not a disabled user, an expired session, one past its absolute lifetime, or one due for renewal", () => {
    expect(sessionServable({ expiresAt: at(8 * 60 - 1), createdAt: at(-60), banned: true }, now)).toBe(false);
    expect(sessionServable({ expiresAt: at(-1), createdAt: at(-600), banned: false }, now)).toBe(false);
    expect(sessionServable({ expiresAt: at(8 * 60 - 1), createdAt: at(-24 * 60 - 1), banned: false }, now)).toBe(false);
    // Renewed 6 minutes ago: better-auth would renew it now, so Next.js must see this request.
    expect(sessionServable({ expiresAt: at(8 * 60 - 6), createdAt: at(-60), banned: false }, now)).toBe(false);
  });
});
