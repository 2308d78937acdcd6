"use client";
/**
 * An indicator's units × months table, each cell coloured by the scale (components/colour-scale.ts heatStep).
 * A client component only for the size of the page: its props are one string of scale steps and a list of texts per
 * unit, where a server component would repeat every cell's markup in the RSC payload. Static, works without JavaScript.
 */

import { MonthMatrix } from "./month-matrix";

export interface HeatTableProps {
  communeHeader: string;
  months: { key: string; label: string }[];
  /** `steps` has one character per month (components/colour-scale.tsx heatStep), "x" for no value; `texts` the values as written. */
  rows: { code: string; name: string; steps: string; texts: string[] }[];
}

export function HeatTable(props: HeatTableProps) {
  return (
    <MonthMatrix
      testId="indicator-matrix"
      className="heat-table min-w-full text-xs"
      communeHeader={props.communeHeader}
      months={props.months}
      align="right"
      rows={props.rows}
      cell={(r, m, i) => (
        <td key={m.key} className={`heat-${r.steps[i]}`}>
          {r.texts[i]}
        </td>
      )}
    />
  );
}
