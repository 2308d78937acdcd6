/**
 * The public view's attack run (issue 26, "Bad input and attack"), one table over every public address: each page in
 * both languages, each embed, each download format, the robots rule and the sitemap. As an anonymous reader (and with a
 * forged session cookie), every way of asking for a month that is not published (09/2026 awaits approval at the test
 * instant, 10/2026 has not been published, 06/2025 is before reporting) or a period containing one answers 404, also
 * through the public cache's key (parameters it leaves out, repeated ones, a cached neighbour); the published answer
 * and every 404 carry no staff name, account, unpublished month or draft marker.
 */
import { expect, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

/** What must never reach a public answer: the demo accounts' names, usernames, mail and password, staff-only words. */
const SECRETS: (string | RegExp)[] = [
  "Quản trị hệ thống",
  "Sở Nội vụ tỉnh Lai Châu",
  "Chuyên viên phân tích",
  /UBND (Xã|Phường)/,
  "@demo.invalid",
  "laichau2025",
  "phantich",
  /\btinh\b/,
  /\bxa-\d{5}\b/,
  "publication.publish",
  "Bản nháp",
  "Trả lại",
  "Chờ duyệt",
];
/** The unpublished months, as a page, a file or a period selector would write them. */
const UNPUBLISHED_WORDS = [/(tháng|month) (09|10|11)\/2026/, /(tháng|month) 06\/2025/, /(quý 3\/|Q3 )2026/];
const UNPUBLISHED = [/2026-(09|10|11)\b/, /2025-06\b/, ...UNPUBLISHED_WORDS];

/** A refusal: 404, but 400 for a NUL byte, which proxy.ts refuses before any page on every address (attack 11). */
const refused = (url: string) => (url.includes("%00") ? 400 : 404);

const PAGES = [
  "/cong-khai",
  "/cong-khai/xa-phuong",
  "/cong-khai/xa-phuong/03637",
  "/cong-khai/chi-tieu",
  "/cong-khai/chi-tieu/proc_on_time_rate",
  "/cong-khai/chi-so-766",
  "/cong-khai/phuong-phap",
  "/cong-khai/nhung",
  "/cong-khai/nhung/xa-phuong/03637",
  "/cong-khai/nhung/chi-tieu/proc_on_time_rate",
].flatMap((path) => [path, path.replace("/cong-khai", "/cong-khai/en")]);

/** Every way a query string may name an unpublished month or a period that contains one. */
const UNPUBLISHED_QUERIES = [
  "period=2026-09",
  "period=2026-10",
  "period=2025-06",
  "period=2026-Q3",
  "period=2026-H2",
  "period=2026",
  "from=2026-08&to=2026-09",
  "from=2026-09&to=2026-09",
  "period=2026-08&from=2026-09&to=2026-09",
  // Repeated: the cache key refuses it, the page must too (whichever value a framework would pick).
  "period=2026-08&period=2026-09",
  "period=2026-09&period=2026-08",
  // Parameters the cache key leaves out must not smuggle a month past it.
  "period=2026-09&utm_source=x",
  "period=%202026-09",
  "period=2026-09%00",
  "period=2026-9",
];

function clean(body: string, what: string, patterns: (string | RegExp)[] = [...SECRETS, ...UNPUBLISHED]) {
  for (const secret of patterns) {
    if (typeof secret === "string") expect(body, `${what}: ${secret}`).not.toContain(secret);
    else expect(body, `${what}: ${secret}`).not.toMatch(secret);
  }
}

test("every public page, in both languages and embedded: a published month is shown without a secret, every unpublished one is a 404", async ({
  request,
}) => {
  test.setTimeout(300_000);
  for (const path of PAGES) {
    const published = await request.get(`${path}?period=2026-08`, {
      headers: { Cookie: "better-auth.session_token=forged; better-auth.session_data=forged" },
    });
    expect(published.status(), path).toBe(200);
    expect(published.headers()["set-cookie"], path).toBeUndefined();
    clean(await published.text(), path);
    for (const query of UNPUBLISHED_QUERIES) {
      const url = `${path}?${query}`;
      const r = await request.get(url);
      expect(r.status(), url).toBe(refused(url));
      // A 404 page echoes the address asked for (Next.js' payload), so only the month's words are looked for.
      clean(await r.text(), url, [...SECRETS, ...UNPUBLISHED_WORDS]);
    }
  }
});

test("every download format and the sitemap: published periods only, no secret", async ({ request }) => {
  for (const format of ["csv", "vi.csv", "xlsx"]) {
    const ok = await request.get(`/cong-khai/tai-ve/2026-08.${format}`);
    expect(ok.status(), format).toBe(200);
    if (format !== "xlsx") clean(await ok.text(), format);
    for (const key of ["2026-09", "2026-10", "2025-06", "2026-Q3", "2026-H2", "2026", "2026-08%00", "2026-8"]) {
      const url = `/cong-khai/tai-ve/${key}.${format}`;
      const r = await request.get(url);
      expect(r.status(), url).toBe(refused(url));
      clean(await r.text(), url, [...SECRETS, ...UNPUBLISHED_WORDS]);
    }
  }
  for (const url of ["/cong-khai/en/tai-ve/2026-08.csv", "/cong-khai/tai-ve/2026-08.json", "/cong-khai/tai-ve/"]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  expect(xml).toContain("/cong-khai/chi-so-766?period=2026-08");
  // Its dates may fall in an unpublished month (08/2026 was published on 15/09/2026); its addresses may not.
  clean(xml, "sitemap", [...SECRETS, /period=(2026-(09|10|11)|2025-06)\b/]);
  clean(await (await request.get("/robots.txt")).text(), "robots");
});
