/**
 * Authentication (better-auth): username + password sign-in, passwords hashed with scrypt by the library,
 * database sessions in httpOnly SameSite=Lax cookies, login rate limits stored in the database.
 * Sessions slide: they expire after IDLE_SECONDS without use; lib/auth/viewer.ts also ends any session older
 * than ABSOLUTE_SECONDS. Disabling a user (lib/data/users.ts) deletes all their sessions in the same transaction.
 */
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { username } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/data/db";
import { clearFailures, isLockedOut, recordFailure } from "./login-throttle";
import { IDLE_SECONDS, UPDATE_AGE_SECONDS } from "./session-rules";

export const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{2,39}$/;

export const LOCKED_MESSAGE = "Tài khoản tạm khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.";

function createAuth() {
  const prisma = db().prisma;
  const baseURL = process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const local = new URL(baseURL);
  const trustedOrigins = [baseURL, `${local.protocol}//127.0.0.1:${local.port}`, `${local.protocol}//localhost:${local.port}`];
  return betterAuth({
    appName: "Lai Châu 2 cấp",
    baseURL,
    secret: process.env.BETTER_AUTH_SECRET,
    // The same server is often reached as localhost or 127.0.0.1; both are this origin.
    trustedOrigins,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: { expiresIn: IDLE_SECONDS, updateAge: UPDATE_AGE_SECONDS },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false },
        orgUnitId: { type: "number", input: false, required: false },
        banned: { type: "boolean", input: false, required: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/username": { window: 60, max: 20 } },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account never gets a session, whatever path created it.
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (!user || user.banned) throw new APIError("FORBIDDEN", { message: "Tài khoản đã bị khoá." });
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        // better-auth checks the Origin of requests that carry cookies; a sign-in carries none, so a foreign page
        // could sign a browser into an account of its choosing (login CSRF). Refuse foreign origins here.
        const origin = ctx.headers?.get("origin");
        if (origin && !trustedOrigins.includes(origin)) throw new APIError("FORBIDDEN", { message: "Yêu cầu không hợp lệ." });
        const name = String(ctx.body?.username ?? "");
        if (await isLockedOut(prisma, name)) throw new APIError("TOO_MANY_REQUESTS", { message: LOCKED_MESSAGE });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const name = String(ctx.body?.username ?? "");
        const returned = ctx.context.returned;
        if (returned instanceof APIError || (returned instanceof Error)) {
          if ((returned as APIError).statusCode === 401) await recordFailure(prisma, name);
        } else if (ctx.context.newSession) {
          await clearFailures(prisma, name);
        }
      }),
    },
    plugins: [
      username({ usernameValidator: (u) => USERNAME_RE.test(u), minUsernameLength: 3, maxUsernameLength: 40 }),
      nextCookies(),
    ],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __trackerAuth?: Auth };

export function auth(): Auth {
  globalForAuth.__trackerAuth ??= createAuth();
  return globalForAuth.__trackerAuth;
}
