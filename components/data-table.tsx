/**
 * The one table of the application: a caption, headers that sort by a link (no JavaScript), the first column sticky
 * while the rest scrolls sideways in a wrapper the keyboard can reach, numbers right-aligned in tabular figures. Pages
 * give typed columns and rows; cells hold text already formatted the page's way (vi-VN by default, through getUi) or
 * a row's controls (forms, buttons). Units × months matrices are components/month-matrix.tsx.
 */
import type { ReactNode } from "react";
import { type SearchParams, hrefWith } from "@/lib/domain/range-query";

export interface DataColumn<R> {
  key: string;
  header: ReactNode;
  /** A number: right-aligned, tabular figures. */
  numeric?: boolean;
  /** The cell names the row (a `th scope="row"`): the unit, the month, the indicator. */
  rowHeader?: boolean;
  /** The column's sort key when the table sorts (`sort` below). */
  sortKey?: string;
  title?: string;
  cell: (row: R) => ReactNode;
  /** Extra classes of a body cell (a status colour, `font-mono`, `whitespace-nowrap`). */
  cellClassName?: (row: R) => string;
  /** The data-testid of the column's body cells. */
  cellTestId?: string;
}

export interface TableSort {
  current: { column: string; descending: boolean };
  path: string;
  params: SearchParams;
  labels: { ascending: string; descending: string };
}

export interface DataTableProps<R> {
  columns: readonly DataColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  testId?: string;
  rowTestId?: (row: R) => string;
  /**
   * What the table lists: read by screen readers (shown with `showCaption`), and the scroll region's name. Leave it
   * out where a section named by the same words holds the table: two regions of one name fail axe's landmark-unique.
   */
  caption?: string;
  showCaption?: boolean;
  sort?: TableSort;
  /**
   * Cell padding: "roomy" px-3 py-2, "compact" px-2 py-1 (headers py-2, or py-1 with `compactHeader`), "small" px-1
   * in small print (the figures under a chart).
   */
  density?: "roomy" | "compact" | "small";
  compactHeader?: boolean;
  /** Shown in one full-width row when there are no rows. */
  empty?: ReactNode;
  /** A totals row under the body, by column key (the first column's cell is its row header). */
  footer?: Readonly<Record<string, ReactNode>>;
  /** Extra classes of the scroll wrapper (its margin). */
  className?: string;
}

const PADDING = {
  roomy: { cell: "px-3 py-2", head: "px-3 py-2", text: "text-sm" },
  compact: { cell: "px-2 py-1", head: "px-2 py-2", text: "text-sm" },
  small: { cell: "px-1", head: "px-1", text: "text-xs" },
} as const;

export function DataTable<R>(props: DataTableProps<R>) {
  const pad = PADDING[props.density ?? "compact"];
  const headPad = props.compactHeader ? "px-2 py-1" : pad.head;
  const place = (c: DataColumn<R>, i: number) =>
    [c.numeric ? "text-right tabular-nums" : "", i === 0 ? "sticky left-0" : ""].filter(Boolean).join(" ");
  const footer = props.footer;
  return (
    // Focusable so that a keyboard user can scroll a table wider than the screen (WCAG 2.1.1).
    <div
      className={["overflow-x-auto rounded-lg border border-slate-200 bg-white", props.className ?? ""].join(" ")}
      tabIndex={0}
      role={props.caption ? "region" : undefined}
      aria-label={props.caption}
    >
      <table className={`min-w-full ${pad.text}`} data-testid={props.testId}>
        {props.caption && (
          <caption className={props.showCaption ? "p-2 text-left text-slate-700" : "sr-only"}>{props.caption}</caption>
        )}
        <thead className="bg-slate-100 text-left">
          <tr>
            {props.columns.map((c, i) => (
              <HeaderCell
                key={c.key}
                column={c}
                sort={props.sort}
                className={[headPad, place(c, i), i === 0 ? "bg-slate-100" : ""].filter(Boolean).join(" ")}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && props.empty != null && (
            <tr>
              <td colSpan={props.columns.length} className={`${pad.cell} text-slate-700`}>
                {props.empty}
              </td>
            </tr>
          )}
          {props.rows.map((r) => (
            <tr
              key={props.rowKey(r)}
              className="border-t border-slate-100 align-top"
              data-testid={props.rowTestId?.(r)}
            >
              {props.columns.map((c, i) => {
                const className = [pad.cell, place(c, i), i === 0 ? "bg-white" : "", c.cellClassName?.(r) ?? ""]
                  .filter(Boolean)
                  .join(" ");
                return c.rowHeader ? (
                  <th
                    key={c.key}
                    scope="row"
                    className={`${className} text-left font-normal`}
                    data-testid={c.cellTestId}
                  >
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} className={className} data-testid={c.cellTestId}>
                    {c.cell(r)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot className="border-t border-slate-300 bg-slate-50 font-semibold">
            <tr>
              {props.columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row" className={`${pad.cell} sticky left-0 bg-slate-50 text-left`}>
                    {footer[c.key]}
                  </th>
                ) : (
                  <td key={c.key} className={[pad.cell, place(c, i)].filter(Boolean).join(" ")}>
                    {footer[c.key]}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** A column header; a sortable one is a link (?sort=col, again for ?sort=-col) that works without JavaScript. */
function HeaderCell<R>(props: { column: DataColumn<R>; sort?: TableSort; className: string }) {
  const { column, sort } = props;
  if (!sort || !column.sortKey) {
    return (
      <th scope="col" className={props.className} title={column.title}>
        {column.header}
      </th>
    );
  }
  const active = sort.current.column === column.sortKey;
  const next = active && !sort.current.descending ? `-${column.sortKey}` : column.sortKey;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.current.descending ? "descending" : "ascending") : undefined}
      className={props.className}
      title={column.title}
    >
      <a href={hrefWith(sort.path, sort.params, { sort: next })} className="text-slate-900">
        {column.header}
        {active && <span aria-hidden="true"> {sort.current.descending ? "▼" : "▲"}</span>}
        {active && (
          <span className="sr-only"> ({sort.current.descending ? sort.labels.descending : sort.labels.ascending})</span>
        )}
      </a>
    </th>
  );
}
