import { describe, expect, it } from "vitest";
import { buildSnapshot, parsePublicKey } from "@/lib/domain/publication";
import { isEmbedPath, parsePublicRoute, publicHref } from "@/lib/domain/public-route";
import { coverageLine, freshnessLine, parseDownloadName, publicCsv, snapshotRows } from "@/lib/domain/public-view";
import { etagMatches, publicCacheUrl, publicETag } from "@/lib/web/public-cache";

describe("public addresses", () => {
  it("parses pages, English and embeds; refuses everything else", () => {
    expect(parsePublicRoute(undefined)).toEqual({ locale: "vi", embed: false, section: "overview", code: null });
    expect(parsePublicRoute(["en", "xa-phuong", "03637"])).toEqual({
      locale: "en",
      embed: false,
      section: "commune",
      code: "03637",
    });
    expect(parsePublicRoute(["nhung", "chi-tieu", "proc_on_time_rate"])).toMatchObject({
      embed: true,
      section: "indicator",
    });
    for (const bad of [
      ["khac"],
      ["xa-phuong", "3637"],
      ["xa-phuong", "03637", "x"],
      ["nhung", "phuong-phap"],
      ["nhung", "xa-phuong"],
      ["chi-tieu", "DROP TABLE"],
      ["en", "en"],
      ["phuong-phap", "x"],
      ["nhung", "chi-so-766"],
      ["chi-so-766", "03637"],
    ]) {
      expect(parsePublicRoute(bad), bad.join("/")).toBeNull();
    }
    for (const path of [
      [],
      ["en"],
      ["xa-phuong"],
      ["en", "nhung", "chi-tieu", "staff_quota"],
      ["phuong-phap"],
      ["en", "chi-so-766"],
    ]) {
      const route = parsePublicRoute(path)!;
      expect(parsePublicRoute(publicHref(route).split("/").slice(2))).toEqual(route);
    }
    expect(isEmbedPath("/cong-khai/nhung/chi-tieu/x")).toBe(true);
    expect(isEmbedPath("/cong-khai/en/nhung")).toBe(true);
    expect(isEmbedPath("/cong-khai/chi-tieu/nhung")).toBe(false);
    expect(isEmbedPath("/cong-khai/nhungx")).toBe(false);
  });
  it("download names at stable addresses", () => {
    expect(parseDownloadName("2026-10.csv")).toEqual({ key: "2026-10", format: "csv" });
    expect(parseDownloadName("2026-Q3.vi.csv")).toEqual({ key: "2026-Q3", format: "vi.csv" });
    expect(parseDownloadName("2025.xlsx")).toEqual({ key: "2025", format: "xlsx" });
    for (const bad of ["2026-10.json", "../x.csv", "2026-10.csv.exe", "2026-Q5.csv"])
      expect(parseDownloadName(bad)).toBeNull();
  });
});

describe("the public cache key", () => {
  it("keeps the parameters the pages read, in a fixed order; drops others; refuses repeated or long ones", () => {
    expect(publicCacheUrl("/cong-khai", new URLSearchParams("indicator=x&period=2026-10&fbclid=abc"))).toBe(
      "/cong-khai?period=2026-10&indicator=x",
    );
    expect(publicCacheUrl("/cong-khai", new URLSearchParams("period=2026-10&period=2026-11"))).toBeNull();
    expect(publicCacheUrl("/cong-khai", new URLSearchParams(`period=${"9".repeat(100)}`))).toBeNull();
    expect(
      publicCacheUrl("/cong-khai", new URLSearchParams(Array.from({ length: 60 }, (_, i) => `a${i}=1`).join("&"))),
    ).toBeNull();
  });
  it("an ETag per instance, version and URL; If-None-Match compared weakly", () => {
    const e = publicETag("i1", "7", "/cong-khai");
    expect(e).toMatch(/^W\/"i1-7-/);
    expect(publicETag("i1", "8", "/cong-khai")).not.toBe(e);
    expect(etagMatches(e, e)).toBe(true);
    expect(etagMatches(`"x", ${e.slice(2)}`, e)).toBe(true);
    expect(etagMatches('"other"', e)).toBe(false);
    expect(etagMatches(undefined, e)).toBe(false);
  });
});

describe("panels and files", () => {
  const units = [
    { code: "00001", nameVi: "=Xã A", kind: "XA" as const },
    { code: "00002", nameVi: "Xã B", kind: "XA" as const },
  ];
  const payload = buildSnapshot(
    { from: "2026-10", to: "2026-10" },
    units,
    [
      { unit: "00001", period: "2026-10", code: "proc_resolved_on_time", value: 987 },
      { unit: "00001", period: "2026-10", code: "proc_resolved_late", value: 13 },
    ],
    [{ unit: "00001", period: "2026-10", firstSubmittedAt: null }],
  );
  it("says what and as of when", () => {
    const p = parsePublicKey("2026-10")!;
    expect(freshnessLine(p, new Date("2026-11-14T03:00:00Z"), "vi")).toBe(
      "Số liệu tháng 10/2026, công bố ngày 14/11/2026",
    );
    expect(freshnessLine(parsePublicKey("2026-Q3")!, new Date("2026-10-14T20:00:00Z"), "vi")).toBe(
      "Số liệu quý 3/2026, công bố ngày 15/10/2026",
    );
    expect(coverageLine(payload, "vi")).toBe("1/2 xã, phường có số liệu");
    expect(coverageLine(payload, "en")).toBe("1/2 communes and wards with data");
  });
  it("CSV in standard and vi-VN form, formula injection neutralised, no value = empty cell", () => {
    const rows = snapshotRows("12", "Tỉnh Lai Châu", parsePublicKey("2026-10")!, payload).filter(
      (r) => r.indicatorCode === "proc_on_time_rate",
    );
    const std = publicCsv(rows, "std").split("\r\n");
    expect(std[0]).toBe("\uFEFFprovince_code,unit_code,unit_name,period,indicator_code,indicator_name,value,unit");
    expect(std[1]).toBe("12,12,Tỉnh Lai Châu,2026-10,proc_on_time_rate,Tỷ lệ giải quyết TTHC đúng và trước hạn,98.7,%");
    expect(std[2]).toBe("12,00001,'=Xã A,2026-10,proc_on_time_rate,Tỷ lệ giải quyết TTHC đúng và trước hạn,98.7,%");
    expect(std[3]).toBe("12,00002,Xã B,2026-10,proc_on_time_rate,Tỷ lệ giải quyết TTHC đúng và trước hạn,,%");
    const vi = publicCsv(rows, "vi").split("\r\n");
    expect(vi[1]).toBe("12;12;Tỉnh Lai Châu;2026-10;proc_on_time_rate;Tỷ lệ giải quyết TTHC đúng và trước hạn;98,7;%");
  });
});
