/** A Content-Security-Policy nonce: 128 random bits, base64. One per response (proxy.ts, and replays of cached pages). */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}
