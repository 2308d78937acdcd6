import { chromium } from "@playwright/test";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: 375, height: 800 } });
for (const u of ["/completeness", "/indicators", "/indicators/proc_on_time_rate", "/communes", "/"]) {
  await p.goto("http://localhost:3200" + u);
  const wide = await p.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 380 && !e.closest(".overflow-x-auto")).slice(0, 5).map((e) => e.tagName + "." + e.className.toString().slice(0, 60)));
  console.log(u, await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), wide);
}
await b.close();
