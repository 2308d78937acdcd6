import type { Indicator } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";
import { NO_DATA_COLOUR, SCALE_COLOURS, type colourScale } from "./colour-scale";

/** Legend of the five-step colour scale (value bands written out) plus "no data". */
export function Legend(props: { scale: ReturnType<typeof colourScale>; indicator: Indicator; ui: Ui; noData: string; label: string }) {
  const lowerBetter = props.indicator.direction === "LOWER_IS_BETTER";
  const b = props.scale.breaks;
  const fmt = (v: number) => props.ui.value(v, props.indicator.unit);
  const bands = [`< ${fmt(b[0]!)}`, `${fmt(b[0]!)} – ${fmt(b[1]!)}`, `${fmt(b[1]!)} – ${fmt(b[2]!)}`, `${fmt(b[2]!)} – ${fmt(b[3]!)}`, `≥ ${fmt(b[3]!)}`];
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={props.label} data-testid="legend">
      {bands.map((label, i) => {
        const step = lowerBetter ? 4 - i : i;
        return (
          <li key={label} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-slate-400" style={{ background: SCALE_COLOURS[step] }} />
            {label}
          </li>
        );
      })}
      <li className="flex items-center gap-1">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-slate-400" style={{ background: NO_DATA_COLOUR }} />
        {props.noData}
      </li>
    </ul>
  );
}
