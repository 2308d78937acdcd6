"use client";
/**
 * The ranking chart's figures as a list of links (components/ranking.tsx), drawn from the chart's own data. A client
 * component only for what the page sends (issue 24, item 3): it is rendered on the server into the first HTML like
 * before, readable without JavaScript, but the page's React payload carries no list of its own: the rows are the
 * chart's, which the payload already holds once for the static and the interactive drawings.
 */
import type { BarChartData } from "@/lib/chart/bar";

export function RankingList({ data, summary }: { data: BarChartData; summary: string }) {
  return (
    <details className="mt-2 text-sm print:hidden">
      <summary className="cursor-pointer text-sky-800">{summary}</summary>
      <ol className="mt-1 space-y-0.5" aria-label={data.label}>
        {data.rows.map((r) => (
          <li key={r.key} className="grid grid-cols-[2rem_1fr_auto] items-baseline gap-2">
            <span className="text-right tabular-nums text-slate-700">{r.rank ?? "—"}</span>
            <a href={`/communes/${r.key}`} className="truncate">
              {r.name}
            </a>
            <span className="whitespace-nowrap text-right tabular-nums">
              {r.text}
              {r.note && <span className="ml-1 text-xs">({r.note})</span>}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
