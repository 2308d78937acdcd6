"use client";
/** A small line chart of one indicator by month (recharts). The figures are also listed in a table below it. */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  label: string;
  value: number | null;
  /** The value as shown in text ("98,8%"). */
  text: string;
}

export function TrendChart(props: { points: TrendPoint[]; name: string; target?: number | null; locale: string; percent?: boolean }) {
  const fmt = new Intl.NumberFormat(props.locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: props.percent ? 1 : 0 });
  return (
    <div className="h-48 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 11, fill: "#334155" }} width={52} domain={props.percent ? ["auto", "auto"] : [0, "auto"]}
            tickFormatter={(v: number) => fmt.format(v)} />
          {props.target != null && <ReferenceLine y={props.target} stroke="#b45309" strokeDasharray="4 4" />}
          <Tooltip formatter={(v) => (typeof v === "number" ? fmt.format(v) + (props.percent ? "%" : "") : String(v))} />
          <Line type="monotone" dataKey="value" name={props.name} stroke="#075985" strokeWidth={2} dot={{ r: 2 }} connectNulls={false}
            isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
