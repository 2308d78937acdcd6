"use client";
/**
 * The completeness matrix (units × months). A client component only for the size of the page: its props are one
 * string per unit (a letter per month), where a server component would repeat every cell's markup in the RSC
 * payload. It renders the same static table on the server, works without JavaScript and has no state.
 */

import { MonthMatrix } from "./month-matrix";

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
    <MonthMatrix
      testId="completeness-matrix"
      className="min-w-full text-xs [direction:ltr]"
      caption={props.caption}
      communeHeader={props.communeHeader}
      months={props.months}
      align="center"
      rows={props.rows}
      footer={{ header: props.receivedHeader, cells: props.received }}
      cell={(r, m, i) => {
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
      }}
    />
  );
}
