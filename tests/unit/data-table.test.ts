/**
 * components/data-table.tsx rendered to HTML: what a reader without JavaScript and a keyboard user get. The table's
 * pages are checked in Chromium by the e2e specs; here, the markup's promises.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type DataColumn, DataTable } from "@/components/data-table";

interface Row {
  code: string;
  name: string;
  value: number;
}

const columns: DataColumn<Row>[] = [
  { key: "name", header: "Đơn vị", rowHeader: true, sortKey: "name", cell: (r) => r.name },
  { key: "value", header: "Giá trị", numeric: true, sortKey: "value", cell: (r) => r.value.toLocaleString("vi-VN") },
];
const rows: Row[] = [
  { code: "03637", name: "Xã Mường Kim", value: 13054 },
  { code: "03388", name: "Phường Đoàn Kết", value: 2334 },
];

const html = (props: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { columns, rows, rowKey: (r) => r.code, ...props }));

describe("DataTable", () => {
  it("scrolls sideways in a region the keyboard can reach, named by the caption", () => {
    const out = html({ caption: "Xã, phường theo giá trị" });
    expect(out).toMatch(/^<div [^>]*tabindex="0"[^>]*role="region"[^>]*aria-label="Xã, phường theo giá trị"/);
    expect(out).toMatch(/<caption class="sr-only">Xã, phường theo giá trị<\/caption>/);
  });

  it("is still focusable without a caption, and names no region then", () => {
    const out = html();
    expect(out).toMatch(/^<div [^>]*tabindex="0"/);
    expect(out).not.toContain('role="region"');
  });

  it("names each row by its row header and right-aligns numbers in vi-VN figures", () => {
    const out = html();
    expect(out).toContain('<th scope="row"');
    expect(out).toMatch(/<td class="[^"]*text-right tabular-nums[^"]*">13\.054<\/td>/);
  });

  it("sorts by plain links (no JavaScript), the active column saying its order", () => {
    const out = html({
      sort: {
        current: { column: "value", descending: true },
        path: "/communes",
        params: { q: "Mường" },
        labels: { ascending: "tăng dần", descending: "giảm dần" },
      },
    });
    expect(out).toContain('aria-sort="descending"');
    expect(out).toMatch(/href="\/communes\?q=M%C6%B0%E1%BB%9Dng&amp;sort=value"/);
    expect(out).toMatch(/href="\/communes\?q=M%C6%B0%E1%BB%9Dng&amp;sort=name"/);
  });

  it("shows the empty text in one full-width row, and a totals row in the footer", () => {
    expect(html({ rows: [], empty: "Chưa có" })).toMatch(
      /<tbody><tr><td colSpan="2"[^>]*>Chưa có<\/td><\/tr><\/tbody>/,
    );
    const footer = html({ footer: { name: "Tổng", value: "15.388" } });
    expect(footer).toMatch(/<tfoot[^>]*><tr><th scope="row"[^>]*>Tổng<\/th><td[^>]*>15\.388<\/td><\/tr><\/tfoot>/);
  });
});
