/**
 * Where to go after login (`/login?next=…`): only a path of this site. Browsers read `/\evil`, `/\t/evil` and
 * `//evil` as other hosts (they drop tabs and newlines and treat `\` as `/`), so anything with a backslash or a
 * control character, or that does not resolve to this origin, becomes "/".
 */
const BASE = "http://this-app.invalid";

export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || next.length > 2000 || !next.startsWith("/")) return fallback;
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(next)) return fallback;
  if (next.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
