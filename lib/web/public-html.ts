/**
 * The public view's pages without the application's scripts (issues 26 and 24, item 5). A public page is read-only and
 * the same for every reader: plain links and GET forms, no client component, nothing a script would add. Next.js still
 * sends its runtime (about 135 KB gzipped) and the page's React payload inlined for hydration (some 60% of the HTML),
 * and a phone spends a second and more of main thread running them for nothing. The page cache keeps and serves the
 * page without them: no `<script src>`, no script preloads, no React payload, no bootstrap. The small inline scripts that
 * reveal streamed Suspense boundaries (`$RC`, `$RV`…) stay, so a streamed page shows whole.
 */
const APP_SCRIPT = /<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>/g;
const MODULE_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*\/?>/g;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;

/** Inline scripts of the React payload and the bundler's bootstrap (the rest, Suspense reveals, is kept). */
function isHydrationScript(attributes: string, text: string): boolean {
  return (
    /\bid="_R_"/.test(attributes) ||
    text.startsWith("self.__next_f.push(") ||
    text.startsWith("(self.__next_f=self.__next_f||[]).push(") ||
    /^\(globalThis\["TURBOPACK"\]/.test(text)
  );
}

export function withoutAppScripts(html: string): string {
  return html
    .replace(APP_SCRIPT, "")
    .replace(SCRIPT_PRELOAD, "")
    .replace(MODULE_PRELOAD, "")
    .replace(INLINE_SCRIPT, (whole, attributes: string, text: string) =>
      isHydrationScript(attributes, text) ? "" : whole,
    );
}
