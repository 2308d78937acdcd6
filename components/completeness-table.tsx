"use client";
/**
 * The completeness matrix (units × months). A client component only for the size of the page: its props are one
 * string per unit (a letter per month), where a server component would repeat every cell's markup in the RSC
 * payload. It renders the same static table on the server, works without JavaScript and has no state.
 */

import { UnitRowHeader } from "./unit-row-header";

export interface CellKind {
  state: string;
  box: string;
  symbol: string;
  label: string;
}

export interface CompletenessTableProps {
  caption: string;
  communeHeader: string;
  receivedHeader: string;
  months: { key: string; label: string; title: string }[];
  /** Letter → how a cell in that state looks and reads. */
  kinds: Record<string, CellKind>;
  /** `cells` has one letter of `kinds` per month. */
  rows: { code: string; name: string; cells: string }[];
  /** The footer: reports received per month ("37/38"). */
  received: string[];
}

export function CompletenessTable(props: CompletenessTableProps) {
  return (
    <table className="min-w-full text-xs [direction:ltr]" data-testid="completeness-matrix">
      <caption className="sr-only">{props.caption}</caption>
      <thead className="bg-slate-100">
        <tr>
          <th scope="col" className="sticky left-0 bg-slate-100 px-2 py-2 text-left">
            {props.communeHeader}
          </th>
          {props.months.map((m) => (
            <th key={m.key} scope="col" className="px-1 py-2 text-center tabular-nums" title={m.title}>
              {m.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.code} className="border-t border-slate-100">
            <UnitRowHeader code={r.code} name={r.name} />
            {props.months.map((m, i) => {
              const kind = props.kinds[r.cells[i]!]!;
              return (
                <td
                  key={m.key}
                  className="matrix-cell"
                  data-state={kind.state}
                  data-testid={`cell-${r.code}-${m.key}`}
                  title={kind.label}
                >
                  <b className={kind.box} aria-hidden="true">
                    {kind.symbol}
                  </b>
                  <span className="sr-only">{kind.label}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      <tfoot className="bg-slate-50">
        <tr>
          <th scope="row" className="sticky left-0 bg-slate-50 px-2 py-1 text-left">
            {props.receivedHeader}
          </th>
          {props.received.map((text, i) => (
            <td key={props.months[i]!.key} className="px-1 py-1 text-center tabular-nums">
              {text}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
