/**
 * The one table of the dashboards: a caption, headers that sort by a link (no JavaScript), the first column sticky
 * while the rest scrolls sideways, numbers right-aligned in tabular figures. Pages give columns and rows; cells hold
 * text already formatted the page's way (vi-VN by default, through getUi). Units × months matrices are
 * components/month-matrix.tsx.
 */
import type { ReactNode } from "react";
import { type SearchParams, hrefWith } from "@/lib/domain/range-query";

export interface DataColumn<R> {
  key: string;
  header: ReactNode;
  /** A number: right-aligned, tabular figures. */
  numeric?: boolean;
  /** The cell names the row (a `th scope="row"`): the unit or the province. */
  rowHeader?: boolean;
  /** The column's sort key when the table sorts (`sort` below). */
  sortKey?: string;
  title?: string;
  cell: (row: R) => ReactNode;
  /** Extra classes of a body cell (a status colour). */
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
  /** Read by screen readers only: what the table lists. */
  caption?: string;
  sort?: TableSort;
  /** Cell padding: "roomy" px-3 py-2, "compact" px-2 py-1 (headers py-2, or py-1 with `compactHeader`). */
  density?: "roomy" | "compact";
  compactHeader?: boolean;
}

export function DataTable<R>(props: DataTableProps<R>) {
  const roomy = props.density === "roomy";
  const cellPad = roomy ? "px-3 py-2" : "px-2 py-1";
  const headPad = roomy ? "px-3 py-2" : props.compactHeader ? "px-2 py-1" : "px-2 py-2";
  const place = (c: DataColumn<R>, i: number) =>
    [c.numeric ? "text-right tabular-nums" : "", i === 0 ? "sticky left-0" : ""].filter(Boolean).join(" ");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid={props.testId}>
        {props.caption && <caption className="sr-only">{props.caption}</caption>}
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
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)} className="border-t border-slate-100" data-testid={props.rowTestId?.(r)}>
              {props.columns.map((c, i) => {
                const className = [cellPad, place(c, i), i === 0 ? "bg-white" : "", c.cellClassName?.(r) ?? ""]
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
