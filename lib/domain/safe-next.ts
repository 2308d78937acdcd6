/**
 * Where to go after login (`/login?next=…`): only a path of this site. Browsers read `/\evil`, `/\t/evil` and
 * `//evil` as other hosts (they drop tabs and newlines and treat `\` as `/`), so anything with a backslash or a
 * control character, or that does not resolve to this origin, becomes "/". The answer is the path as the browser
 * normalises it (WHATWG URL: dot segments, `%2e`): `/.//evil`, `/x/..//evil` and `/%2e%2e//evil` all normalise to
 * `//evil`, which `location.assign` reads as another host, so the normalised path is checked again.
 */
const BASE = "http://this-app.invalid";

/** The path, query and fragment the browser would go to from `path`, or null when that is not this origin. */
function normalised(path: string): string | null {
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return null;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : null;
}

export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || next.length > 2000 || !next.startsWith("/")) return fallback;
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(next)) return fallback;
  if (next.startsWith("//")) return fallback;
  const out = normalised(next);
  // The browser resolves the answer once more: it must stay a path of this site and be its own normal form.
  if (!out || out.startsWith("//") || /[\\\u0000-\u001f\u007f-\u009f]/.test(out) || normalised(out) !== out)
    return fallback;
  return out;
}
