/**
 * Budgets of the pages as a browser meets them (SPEC §7, issue 15), hooked into bench/run.ts (`--only=budgets`):
 *  - JavaScript: every script the overview loads before it is interactive (gzipped), against ≤ 200 KB, and on a line
 *    of its own the chart code (recharts) that loads afterwards, when a reader points at or focuses a chart;
 *  - Lighthouse 12 (mobile profile, CPU slowdown calibrated: bench/lighthouse.ts): performance ≥ 90 and accessibility
 *    100 for the overview, a commune page, an indicator page and the entry form, as the median of 3 runs.
 * Run alone against a built app: `npx tsx bench/page-budgets.ts http://127.0.0.1:3150 "<cookie>" "<entry cookie>"`.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { CHROME_FLAGS, lighthouseSection } from "./lighthouse";

export const FIRST_LOAD_BUDGET_KB = 200;

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export interface ScriptsLoaded {
  firstLoad: number;
  firstCount: number;
  later: number;
  laterCount: number;
}

/**
 * Loads the page in Chromium and sums the gzipped size of the scripts fetched until the page is interactive (load
 * event, then the network quiet), then points at every chart so that the chart code is fetched, and sums what came after.
 */
export async function scriptsLoaded(url: string, cookie: string): Promise<ScriptsLoaded> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROME_FLAGS });
  try {
    const page = await browser.newPage({ extraHTTPHeaders: { cookie } });
    const first = new Map<string, number>();
    const later = new Map<string, number>();
    let phase: Map<string, number> = first;
    const pending: Promise<void>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      const into = phase;
      pending.push(
        res.body().then(
          (b) => void into.set(res.url(), gzipSync(b).length),
          () => undefined,
        ),
      );
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    phase = later;
    // The chart code is fetched when a reader reaches for a chart (components/chart-island.tsx): point at each.
    for (const chart of await page.locator(".chart").all()) await chart.hover();
    await page.waitForTimeout(2000);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    for (const u of first.keys()) later.delete(u);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    return { firstLoad: sum(first), firstCount: first.size, later: sum(later), laterCount: later.size };
  } finally {
    await browser.close();
  }
}

/** The section of the benchmark report: lines of Markdown. */
export async function pageBudgets(
  base: string,
  cookie: string,
  entryCookie: string,
  entryPeriod: string,
): Promise<string[]> {
  const lines: string[] = ["## Pages in the browser: JavaScript and Lighthouse (bench/page-budgets.ts)", ""];
  const js = await scriptsLoaded(`${base}/?from=2025-07&to=2025-09`, cookie);
  lines.push(
    `- overview, first load: ${js.firstCount} scripts, ${kb(js.firstLoad)} gzipped (budget ≤ ${FIRST_LOAD_BUDGET_KB} KB): ${verdict(js.firstLoad / 1024 <= FIRST_LOAD_BUDGET_KB)}`,
  );
  lines.push(
    `- overview, chart code loaded afterwards (recharts): ${js.laterCount} scripts, ${kb(js.later)} gzipped; total ${kb(js.firstLoad + js.later)} (budget ≤ 250 KB): ${verdict((js.firstLoad + js.later) / 1024 <= 250)}`,
  );
  lines.push("");
  const pages = [
    { name: "overview", url: `${base}/?from=2025-07&to=2025-09`, cookie },
    { name: "commune page", url: `${base}/communes/03637`, cookie },
    { name: "indicator page", url: `${base}/indicators/proc_on_time_rate`, cookie },
    { name: "entry form", url: `${base}/entry/${entryPeriod}`, cookie: entryCookie },
  ];
  lines.push(...lighthouseSection(pages));
  lines.push("");
  return lines;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const [base, cookie, entryCookie] = process.argv.slice(2);
  if (process.argv.includes("--js")) {
    console.log(await scriptsLoaded(`${base}/?from=2025-07&to=2025-09`, cookie ?? ""));
  } else {
    for (const line of await pageBudgets(base!, cookie ?? "", entryCookie ?? cookie ?? "", "2026-10"))
      console.log(line);
  }
}
