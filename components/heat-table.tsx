"use client";
/**
 * An indicator's units × months table, each cell coloured by the scale (components/colour-scale.ts heatStep).
 * A client component only for the size of the page: its props are one string of scale steps and a list of texts per
 * unit, where a server component would repeat every cell's markup in the RSC payload. Static, works without JavaScript.
 */

import { UnitRowHeader } from "./unit-row-header";

export interface HeatTableProps {
  communeHeader: string;
  months: { key: string; label: string }[];
  /** `steps` has one character per month (components/colour-scale.tsx heatStep), "x" for no value; `texts` the values as written. */
  rows: { code: string; name: string; steps: string; texts: string[] }[];
}

export function HeatTable(props: HeatTableProps) {
  return (
    <table className="heat-table min-w-full text-xs" data-testid="indicator-matrix">
      <thead className="bg-slate-100">
        <tr>
          <th scope="col" className="sticky left-0 bg-slate-100 px-2 py-2 text-left">
            {props.communeHeader}
          </th>
          {props.months.map((m) => (
            <th key={m.key} scope="col" className="px-2 py-2 text-right tabular-nums">
              {m.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.code} className="border-t border-slate-100">
            <UnitRowHeader code={r.code} name={r.name} />
            {props.months.map((m, i) => (
              <td key={m.key} className={`heat-${r.steps[i]}`}>
                {r.texts[i]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
