/**
 * Units × months: the one matrix behind the completeness and heat tables. A sticky unit column linking to each
 * unit's page, one column per month, an optional footer row. Its callers are client components that render each
 * cell from compact string props (a server component would repeat every cell's markup in the RSC payload).
 */
import type { ReactNode } from "react";
import { UnitRowHeader } from "./unit-row-header";

export interface MatrixMonth {
  key: string;
  label: string;
  title?: string;
}

export interface MonthMatrixProps<R extends { code: string; name: string }> {
  testId: string;
  className: string;
  caption?: string;
  communeHeader: string;
  months: readonly MatrixMonth[];
  /** Month headers centred over symbols, or right-aligned over numbers. */
  align: "center" | "right";
  rows: readonly R[];
  /** The `<td>` of a row's month (keyed by the month's key). */
  cell: (row: R, month: MatrixMonth, index: number) => ReactNode;
  footer?: { header: string; cells: readonly string[] };
}

const MONTH_HEADER = {
  center: "px-1 py-2 text-center tabular-nums",
  right: "px-2 py-2 text-right tabular-nums",
} as const;

export function MonthMatrix<R extends { code: string; name: string }>(props: MonthMatrixProps<R>) {
  return (
    <table className={props.className} data-testid={props.testId}>
      {props.caption && <caption className="sr-only">{props.caption}</caption>}
      <thead className="bg-slate-100">
        <tr>
          <th scope="col" className="sticky left-0 bg-slate-100 px-2 py-2 text-left">
            {props.communeHeader}
          </th>
          {props.months.map((m) => (
            <th key={m.key} scope="col" className={MONTH_HEADER[props.align]} title={m.title}>
              {m.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.code} className="border-t border-slate-100">
            <UnitRowHeader code={r.code} name={r.name} />
            {props.months.map((m, i) => props.cell(r, m, i))}
          </tr>
        ))}
      </tbody>
      {props.footer && (
        <tfoot className="bg-slate-50">
          <tr>
            <th scope="row" className="sticky left-0 bg-slate-50 px-2 py-1 text-left">
              {props.footer.header}
            </th>
            {props.footer.cells.map((text, i) => (
              <td key={props.months[i]!.key} className="px-1 py-1 text-center tabular-nums">
                {text}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
