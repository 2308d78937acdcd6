/**
 * Authentication (better-auth): username + password sign-in, passwords hashed with scrypt by the library,
 * database sessions in httpOnly SameSite=Lax cookies. Only sign-in is reachable over HTTP, through lib/auth/sign-in.ts,
 * which applies the login limits (lib/data/login-throttle.ts) before better-auth sees the password.
 * Sessions slide: they expire after IDLE_SECONDS without use; lib/auth/viewer.ts also ends any session older
 * than ABSOLUTE_SECONDS. Disabling a user (lib/data/users.ts) deletes all their sessions in the same transaction.
 */
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { twoFactor, username } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/data/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/web/client-address";
import { appBaseURL, trustedOrigins } from "./origins";
import { IDLE_SECONDS, UPDATE_AGE_SECONDS } from "./session-rules";

import { USERNAME_RE } from "@/lib/domain/accounts";

function createAuth() {
  const prisma = db().prisma;
  const baseURL = appBaseURL();
  return betterAuth({
    appName: "Lai Châu 2 cấp",
    baseURL,
    secret: process.env.BETTER_AUTH_SECRET,
    // The same server is often reached as localhost or 127.0.0.1; both are this origin.
    trustedOrigins: trustedOrigins(),
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
    // The login limits are lib/data/login-throttle.ts, applied before better-auth is called; its own limiter would
    // key on a header a client can send.
    rateLimit: { enabled: false },
    // The client's address as scripts/server.ts saw it (recorded on the session).
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
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
    plugins: [
      username({ usernameValidator: (u) => USERNAME_RE.test(u), minUsernameLength: 3, maxUsernameLength: 40 }),
      // TOTP second factor with 10 one-time recovery codes (lib/data/two-factor.ts; the throttle of lib/auth/sign-in.ts
      // counts its guesses with the passwords'). No "trust this device": every sign-in asks for the code.
      twoFactor({ issuer: "Lai Châu 2 cấp", backupCodeOptions: { amount: 10, length: 10 }, trustDeviceMaxAge: 1 }),
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
