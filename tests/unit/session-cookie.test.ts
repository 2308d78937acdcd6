import { makeSignature } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import { sessionServable, signedSessionToken } from "@/lib/auth/session-cookie";

const SECRET = "a-test-secret-of-reasonable-length-0123456789";
/** better-call's signCookieValue, which better-auth uses for its session cookie: value "." signature, URL-encoded. */
const signCookieValue = async (value: string, secret: string) =>
  encodeURIComponent(`${value}.${await makeSignature(value, secret)}`);

describe("the session cookie, read without better-auth", () => {
  it("accepts a value signed the way better-auth signs it, under the name better-auth reads (secure on https)", async () => {
    const signed = await signCookieValue("tok3nABCdef", SECRET);
    expect(signedSessionToken(`NEXT_LOCALE=vi; better-auth.session_token=${signed}`, SECRET, false)).toBe(
      "tok3nABCdef",
    );
    expect(signedSessionToken(`__Secure-better-auth.session_token=${signed}`, SECRET, true)).toBe("tok3nABCdef");
    expect(signedSessionToken(`__Secure-better-auth.session_token=${signed}`, SECRET, false)).toBeNull();
    expect(signedSessionToken(`better-auth.session_token=${signed}`, SECRET, true)).toBeNull();
  });

  it("with user A's __Secure- cookie and user B's plain one, keys on B's as better-auth does on http (attack 12)", async () => {
    const a = await signCookieValue("tokenOfUserA", SECRET);
    const b = await signCookieValue("tokenOfUserB", SECRET);
    const both = `__Secure-better-auth.session_token=${a}; better-auth.session_token=${b}`;
    expect(signedSessionToken(both, SECRET, false)).toBe("tokenOfUserB");
    expect(signedSessionToken(both, SECRET, true)).toBe("tokenOfUserA");
    // The same name twice: ambiguous, not cached.
    expect(
      signedSessionToken(`better-auth.session_token=${a}; better-auth.session_token=${b}`, SECRET, false),
    ).toBeNull();
  });

  it("refuses a forged, altered or missing signature, and another secret", async () => {
    const signed = decodeURIComponent(await signCookieValue("tok3nABCdef", SECRET));
    const [token, signature] = [signed.slice(0, signed.lastIndexOf(".")), signed.slice(signed.lastIndexOf(".") + 1)];
    expect(
      signedSessionToken(`better-auth.session_token=${encodeURIComponent(`other${"."}${signature}`)}`, SECRET, false),
    ).toBeNull();
    expect(signedSessionToken(`better-auth.session_token=${token}`, SECRET, false)).toBeNull();
    expect(
      signedSessionToken(`better-auth.session_token=${encodeURIComponent(signed)}`, `${SECRET}x`, false),
    ).toBeNull();
    expect(signedSessionToken("better-auth.session_token=%E0%A4%A", SECRET, false)).toBeNull();
    expect(signedSessionToken(undefined, SECRET, false)).toBeNull();
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
