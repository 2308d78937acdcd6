/**
 * What each dashboard page sends (issue 24 item 3, "render less"): the HTML document's bytes, the part of it that is the
 * React Server Components payload inlined for hydration (`self.__next_f.push(...)` scripts), and the payload fetched on
 * a client-side navigation (`RSC: 1`), raw and gzipped. Run against a started app, signed in as a province account:
 * `npx tsx bench/page-bytes.ts http://127.0.0.1:3550 [username]` (password of the demo accounts).
 */
import path from "node:path";
import { gzipSync } from "node:zlib";

export const DASHBOARD_PAGES = [
  { name: "overview", path: "/?from=2025-07&to=2025-09" },
  { name: "commune page", path: "/communes/03637" },
  { name: "indicator page", path: "/indicators/proc_on_time_rate" },
  { name: "completeness", path: "/completeness" },
  { name: "briefing", path: "/briefing?from=2025-07&to=2025-09" },
];

export interface PageBytes {
  html: number;
  htmlGzip: number;
  /** Bytes of the inline `self.__next_f.push` scripts in the HTML. */
  inlinePayload: number;
  /** The payload of a client-side navigation to the page. */
  rsc: number;
  rscGzip: number;
}

export async function pageBytes(url: string, cookie: string): Promise<PageBytes> {
  const html = Buffer.from(
    await (await fetch(url, { headers: { cookie, "cache-control": "no-cache" } })).arrayBuffer(),
  );
  const text = html.toString("utf8");
  let inlinePayload = 0;
  for (const m of text.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g))
    inlinePayload += Buffer.byteLength(m[0]);
  const rsc = Buffer.from(
    await (await fetch(url, { headers: { cookie, RSC: "1", "cache-control": "no-cache" } })).arrayBuffer(),
  );
  return {
    html: html.length,
    htmlGzip: gzipSync(html).length,
    inlinePayload,
    rsc: rsc.length,
    rscGzip: gzipSync(rsc).length,
  };
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export async function pageBytesSection(base: string, cookie: string, pages = DASHBOARD_PAGES): Promise<string[]> {
  const lines = [
    "| page | HTML | of which inline RSC payload | HTML gzipped | RSC payload (navigation) | gzipped |",
    "|---|---|---|---|---|---|",
  ];
  for (const p of pages) {
    const b = await pageBytes(base + p.path, cookie);
    lines.push(
      `| ${p.name} (${p.path}) | ${kb(b.html)} | ${kb(b.inlinePayload)} | ${kb(b.htmlGzip)} | ${kb(b.rsc)} | ${kb(b.rscGzip)} |`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const base = process.argv[2] ?? "http://127.0.0.1:3000";
  const username = process.argv[3] ?? "tinh";
  const res = await fetch(`${base}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ username, password: "laichau2025" }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  for (const line of await pageBytesSection(base, cookie)) console.log(line);
}
