/**
 * The app's own origins: BETTER_AUTH_URL, and the same port on localhost and 127.0.0.1 (one server is often reached
 * both ways). Used by better-auth, the sign-in route (login CSRF) and the proxy's check of server actions.
 */
export function appBaseURL(): string {
  return process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export function trustedOrigins(): string[] {
  const base = appBaseURL();
  const local = new URL(base);
  return [
    new URL(base).origin,
    `${local.protocol}//127.0.0.1:${local.port}`,
    `${local.protocol}//localhost:${local.port}`,
  ];
}

/** Whether an `Origin` header names this app. A missing header is not this app. */
export function isOwnOrigin(origin: string | null | undefined): boolean {
  return !!origin && trustedOrigins().includes(origin);
}
