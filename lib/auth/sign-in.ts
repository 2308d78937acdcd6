/**
 * POST /api/auth/sign-in/username: the only way to sign in.
 *
 * Before better-auth checks the password, one attempt is reserved for the account and for the client's address in the
 * database (lib/data/login-throttle.ts), so parallel guesses cannot slip past the limits. The answer says only
 * "signed in" (the session is in the httpOnly cookie, never in the body) or, for a wrong password, an unknown user
 * and a disabled account alike, the same 401.
 */
import { z } from "zod";
import { timingSafeEqual } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { unusablePasswordHash } from "@/lib/data/accounts";
import { now } from "@/lib/clock";
import { db } from "@/lib/data/db";
import { attemptLogin } from "@/lib/data/login-throttle";
import { normalizeUsername } from "@/lib/domain/accounts";
import { normalizePassword } from "@/lib/domain/password-policy";
import { BodyTooLarge, readBodyText } from "@/lib/web/body";
import { CLIENT_ADDRESS_HEADER } from "@/lib/web/client-address";
import { isOwnOrigin } from "./origins";
import { activationCodeHash, canonicalActivationCode } from "./secrets";
import { auth } from "./server";

export const WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng.";
export const CODE_EXPIRED = "Mã kích hoạt đã hết hạn. Vui lòng nhờ quản trị viên cấp mã mới.";
const MAX_BODY = 4096;

const ZSignIn = z.object({
  // No control characters: a NUL could not even be stored in the attempt's key.
  username: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[^\u0000-\u001f\u007f]*$/),
  password: z.string().min(1).max(200),
});

const message = (status: number, text: string) => Response.json({ message: text }, { status });

/**
 * The client's address. scripts/server.ts sets the header from the socket (or a trusted proxy's X-Forwarded-For) and
 * deletes any the client sent; without that server in front (next dev) every client shares one bucket.
 */
export function requestAddress(headers: Headers): string {
  return (process.env.TRACKER_SERVER === "1" && headers.get(CLIENT_ADDRESS_HEADER)) || "unknown";
}

interface Activation {
  userId: string;
  codeHash: string | null;
  expiresAt: Date | null;
  usedAt: Date | null;
}

async function pendingActivation(username: string): Promise<Activation | null> {
  const user = await db().prisma.user.findFirst({
    where: { username: normalizeUsername(username), mustChangePassword: true },
    select: { id: true, activationCodeHash: true, activationExpiresAt: true, activationUsedAt: true },
  });
  return user
    ? {
        userId: user.id,
        codeHash: user.activationCodeHash,
        expiresAt: user.activationExpiresAt,
        usedAt: user.activationUsedAt,
      }
    : null;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The JSON body of a sign-in step, checked: from this app's own origin when the browser names one (better-auth checks
 * the Origin of requests that carry cookies; a sign-in carries none, so a foreign page could sign a browser into an
 * account of its choosing: login CSRF), at most MAX_BODY bytes, matching `schema`; or the answer refusing it.
 */
async function readJson<T>(request: Request, schema: z.ZodType<T>, invalid: string): Promise<T | Response> {
  const origin = request.headers.get("origin");
  if (origin && !isOwnOrigin(origin)) return message(403, "Yêu cầu không hợp lệ.");
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request, MAX_BODY));
  } catch (error) {
    if (error instanceof BodyTooLarge) return message(413, "Yêu cầu quá lớn.");
    return message(400, invalid);
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : message(400, invalid);
}

export async function signInRoute(request: Request): Promise<Response> {
  const parsed = await readJson(request, ZSignIn, "Vui lòng nhập tên đăng nhập và mật khẩu.");
  if (parsed instanceof Response) return parsed;
  const username = normalizeUsername(parsed.username);
  let password = normalizePassword(parsed.password);
  const address = requestAddress(request.headers);

  let response: Response | null = null;
  let refusal = WRONG_CREDENTIALS;
  let activation: Activation | null = null;
  const attempt = await attemptLogin(
    username,
    address,
    () => now().getTime(),
    async () => {
      activation = await pendingActivation(username);
      if (activation) {
        // An activation code signs in once, before it expires. It is checked here against its SHA-256; only then is it
        // made the account's password for this one sign-in through better-auth (one scrypt per activation, not per
        // account issued), and replaced by an unusable one right after.
        const code = canonicalActivationCode(password);
        if (!code || !activation.codeHash || !sameHash(activationCodeHash(code), activation.codeHash)) return false;
        if (activation.usedAt || !activation.expiresAt || activation.expiresAt <= now()) {
          refusal = activation.usedAt ? WRONG_CREDENTIALS : CODE_EXPIRED;
          return false;
        }
        password = code;
        await db().prisma.account.updateMany({
          where: { userId: activation.userId, providerId: "credential" },
          data: { password: await hashPassword(code) },
        });
      }
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      response = await auth().handler(
        new Request(request.url, { method: "POST", headers, body: JSON.stringify({ username, password }) }),
      );
      if (response.status !== 200 && activation) {
        await db().prisma.account.updateMany({
          where: { userId: activation.userId, providerId: "credential" },
          data: { password: await unusablePasswordHash() },
        });
      }
      return response.status === 200;
    },
  );
  if (!attempt.allowed) return message(429, attempt.message);
  if (!attempt.ok || !response) return message(401, refusal);
  const pending = activation as Activation | null;
  if (pending) {
    // Used: the code no longer signs in (the session just made is the only way on, to /activate).
    await db().prisma.$transaction([
      db().prisma.user.update({
        where: { id: pending.userId },
        data: { activationUsedAt: now(), activationCodeHash: null },
      }),
      db().prisma.account.updateMany({
        where: { userId: pending.userId, providerId: "credential" },
        data: { password: await unusablePasswordHash() },
      }),
    ]);
  }
  const answer = (await (response as Response)
    .clone()
    .json()
    .catch(() => null)) as { twoFactorRedirect?: boolean } | null;
  const secondFactor = answer?.twoFactorRedirect === true;
  if (!secondFactor) await db().prisma.user.updateMany({ where: { username }, data: { lastSignInAt: now() } });
  // The password was right; with a second factor enrolled, no session yet: a short-lived challenge cookie instead.
  const out = Response.json({
    ok: true,
    ...(pending ? { activate: true } : {}),
    ...(secondFactor ? { secondFactor: true } : {}),
  });
  for (const cookie of (response as Response).headers.getSetCookie()) out.headers.append("set-cookie", cookie);
  return out;
}

const ZSecondFactor = z.object({
  code: z
    .string()
    .trim()
    .min(6)
    .max(20)
    .regex(/^[A-Za-z0-9-]+$/),
  /** A recovery code instead of the authenticator's. */
  recovery: z.boolean().optional(),
});

/** The user whose sign-in waits for its second factor (better-auth's challenge cookie names a verification row). */
async function challengedUser(request: Request): Promise<string | null> {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(/;\s*/)
    .find((c) => /^(__Secure-)?better-auth\.two_factor=/.test(c));
  if (!cookie) return null;
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const identifier = value.slice(0, value.lastIndexOf("."));
  if (!identifier || identifier.length > 200) return null;
  const row = await db().prisma.verification.findFirst({
    where: { identifier, expiresAt: { gt: now() } },
    select: { value: true },
  });
  if (!row) return null;
  const user = await db().prisma.user.findUnique({ where: { id: row.value }, select: { username: true } });
  return user?.username ?? null;
}

/**
 * POST /api/auth/two-factor/verify: the second step of a sign-in, { code } from the authenticator app or
 * { code, recovery: true } with a recovery code. Counted by the same throttle as passwords.
 */
export async function secondFactorRoute(request: Request): Promise<Response> {
  const parsed = await readJson(
    request,
    ZSecondFactor,
    "Vui lòng nhập mã xác thực gồm 6 chữ số (hoặc một mã khôi phục).",
  );
  if (parsed instanceof Response) return parsed;
  const username = await challengedUser(request);
  if (!username) return message(401, "Phiên đăng nhập bước hai đã hết hạn. Vui lòng đăng nhập lại.");
  const address = requestAddress(request.headers);
  let response: Response | null = null;
  const attempt = await attemptLogin(
    username,
    address,
    () => now().getTime(),
    async () => {
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      const path = parsed.recovery ? "verify-backup-code" : "verify-totp";
      const url = new URL(`/api/auth/two-factor/${path}`, request.url);
      response = await auth().handler(
        new Request(url, { method: "POST", headers, body: JSON.stringify({ code: parsed.code }) }),
      );
      return response.status === 200;
    },
  );
  if (!attempt.allowed) return message(429, attempt.message);
  if (!attempt.ok || !response) return message(401, "Mã xác thực không đúng.");
  await db().prisma.user.updateMany({ where: { username }, data: { lastSignInAt: now() } });
  const out = Response.json({ ok: true });
  for (const cookie of (response as Response).headers.getSetCookie()) out.headers.append("set-cookie", cookie);
  return out;
}
