/** The public pages as the page cache keeps them (lib/web/public-html.ts): no application script, the page intact. */
import { describe, expect, it } from "vitest";
import { withoutAppScripts } from "@/lib/web/public-html";

const N = 'nonce="abc"';
const page = [
  `<!DOCTYPE html><html lang="vi"><head><meta charSet="utf-8"/>`,
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" ${N} data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" ${N} href="/_next/static/chunks/b.js"/>`,
  `<script src="/_next/static/chunks/c.js" async="" ${N}></script>`,
  `<script src="/_next/static/chunks/poly.js" noModule="" ${N}></script>`,
  `<link rel="canonical" href="http://x/cong-khai?period=2026-09"/>`,
  `</head><body><main><h1>Tổng quan</h1><a href="/cong-khai/xa-phuong">Xã</a>`,
  `<form method="get"><select name="indicator"><option value="a">A</option></select><button type="submit">Xem</button></form>`,
  `<template id="B:0"></template><p>…</p></main>`,
  `<script ${N}>requestAnimationFrame(function(){$RT=performance.now()});</script>`,
  `<script ${N} id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>`,
  `<script ${N}>(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script ${N}>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003c/p>"])</script>`,
  `<div hidden id="S:0"><p>streamed</p></div><script ${N}>$RC("B:0","S:0")</script>`,
  `</body></html>`,
].join("");

describe("withoutAppScripts", () => {
  const out = withoutAppScripts(page);
  it("removes the runtime, its preloads, the React payload and the bootstrap", () => {
    expect(out).not.toMatch(/<script[^>]*src=/);
    expect(out).not.toContain('as="script"');
    expect(out).not.toContain("__next_f");
    expect(out).not.toContain("TURBOPACK");
    expect(out).not.toContain("Sreact.fragment");
  });
  it("keeps the page: styles, links, forms, the streamed part and the script that reveals it", () => {
    for (const kept of [
      'rel="stylesheet"',
      'rel="canonical"',
      "<h1>Tổng quan</h1>",
      '<a href="/cong-khai/xa-phuong">Xã</a>',
      '<option value="a">A</option>',
      '<div hidden id="S:0"><p>streamed</p></div>',
      '$RC("B:0","S:0")',
      "$RT=performance.now()",
    ])
      expect(out).toContain(kept);
  });
  it("leaves a page without scripts as it is", () => {
    const plain = "<html><body><p>Không tìm thấy</p></body></html>";
    expect(withoutAppScripts(plain)).toBe(plain);
  });
});
