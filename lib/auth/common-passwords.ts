/**
 * The list of common passwords a new password may not be (lib/domain/password-policy.ts): data/common-passwords.txt,
 * read once per process. See data/SOURCES.md for where it comes from.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

let list: Set<string> | null = null;

function load(): Set<string> {
  const file = path.join(process.cwd(), "data", "common-passwords.txt");
  const words = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"));
  return new Set(words);
}

export function isCommonPassword(lowerCase: string): boolean {
  list ??= load();
  return list.has(lowerCase);
}
