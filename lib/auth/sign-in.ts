/**
 * POST /api/auth/sign-in/username: the only way to sign in.
 *
 * Before better-auth checks the password, one attempt is reserved for the account and for the client's address in the
 * database (lib/data/login-throttle.ts), so parallel guesses cannot slip past the limits. The answer says only
 * "signed in" (the session is in the httpOnly cookie, never in the body) or, for a wrong password, an unknown user
 * and a disabled account alike, the same 401.
 */
import { z } from "zod";
import { now } from "@/lib/clock";
import { loginSucceeded, reserveLoginAttempt } from "@/lib/data/login-throttle";
import { BodyTooLarge, readBodyText } from "@/lib/web/body";
import { CLIENT_ADDRESS_HEADER } from "@/lib/web/client-address";
import { isOwnOrigin } from "./origins";
import { auth } from "./server";

export const WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng.";
const MAX_BODY = 4096;

const ZSignIn = z.object({
  // No control characters: a NUL could not even be stored in the attempt's key.
  username: z.string().trim().min(1).max(40).regex(/^[^\u0000-\u001f\u007f]*$/),
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

export async function signInRoute(request: Request): Promise<Response> {
  // better-auth checks the Origin of requests that carry cookies; a sign-in carries none, so a foreign page could
  // sign a browser into an account of its choosing (login CSRF).
  const origin = request.headers.get("origin");
  if (origin && !isOwnOrigin(origin)) return message(403, "Yêu cầu không hợp lệ.");
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request, MAX_BODY));
  } catch (error) {
    if (error instanceof BodyTooLarge) return message(413, "Yêu cầu quá lớn.");
    return message(400, "Vui lòng nhập tên đăng nhập và mật khẩu.");
  }
  const parsed = ZSignIn.safeParse(body);
  if (!parsed.success) return message(400, "Vui lòng nhập tên đăng nhập và mật khẩu.");
  const { username, password } = parsed.data;
  const address = requestAddress(request.headers);
  const reservation = await reserveLoginAttempt(username, address, now().getTime());
  if (!reservation.allowed) return message(429, reservation.message);

  const headers = new Headers(request.headers);
  headers.delete("content-length");
  const response = await auth().handler(new Request(request.url, { method: "POST", headers, body: JSON.stringify({ username, password }) }));
  if (response.status !== 200) return message(401, WRONG_CREDENTIALS);
  await loginSucceeded(username, address);
  const out = Response.json({ ok: true });
  for (const cookie of response.headers.getSetCookie()) out.headers.append("set-cookie", cookie);
  return out;
}
