/**
 * One-time secrets handed to people: activation codes and the setup token. Random (crypto.randomBytes), stored only as
 * a hash. An activation code is typed from a printed slip, so it avoids characters that read alike (0/O, 1/l/I).
 */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // 31 symbols, nothing that reads like another

/** 12 symbols (about 59 bits) in groups of four: "K7QM-3XPA-9RTE". */
export function newActivationCode(): string {
  const bytes = randomBytes(24);
  let code = "";
  for (const b of bytes) {
    if (b >= 248) continue; // 248 = 8 × 31: keeps the symbols equally likely
    code += ALPHABET[b % 31];
    if (code.length === 12) break;
  }
  if (code.length < 12) return newActivationCode();
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

/** The setup address's token: 32 random bytes, URL-safe. */
export function newSetupToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** An activation code as typed from the slip (any case, with or without dashes or spaces), in its canonical form. */
export function canonicalActivationCode(text: string): string | null {
  const c = text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return c.length === 12 ? `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}` : null;
}

/**
 * How an activation code is kept: SHA-256 of its canonical form. A fast hash is enough for a random ~59-bit code that
 * lives 72 hours and is throttled like a password; a province's 5,000 accounts are then issued in seconds, where scrypt
 * would take minutes.
 */
export function activationCodeHash(code: string): string {
  return sha256(`activation:${canonicalActivationCode(code) ?? code}`);
}
