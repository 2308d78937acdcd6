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

/**
 * Why a browser's state-changing request is refused for where it comes from, or null: another origin (or none), or
 * this app's origin under another Host (Next.js compares the two for server actions and would fail with a 500).
 */
export function originRefusal(origin: string | null, host: string | null): string | null {
  if (!isOwnOrigin(origin)) return "Yêu cầu không hợp lệ (nguồn gửi không được phép).";
  if (host && new URL(origin!).host !== host)
    return "Yêu cầu không hợp lệ (địa chỉ gửi và địa chỉ máy chủ không khớp).";
  return null;
}
