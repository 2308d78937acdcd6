/**
 * A five-step sequential colour scale for maps and tables: class breaks at equal intervals of the values shown
 * (or around the target), reversed for lower-is-better indicators so that dark always means "better".
 */
import type { Indicator } from "@/lib/domain/indicators";

export const SCALE_COLOURS = ["#fef3c7", "#fcd34d", "#6ee7b7", "#10b981", "#047857"] as const;
/** Text colour readable on each step (WCAG AA). */
export const SCALE_TEXT = ["#1e293b", "#1e293b", "#1e293b", "#0f172a", "#ffffff"] as const;
export const NO_DATA_COLOUR = "#e2e8f0";

export interface ColourScale {
  breaks: number[]; // 4 inner breaks, ascending
  step: (value: number | null | undefined) => number | null;
}

export function colourScale(indicator: Indicator, values: readonly (number | null | undefined)[]): ColourScale {
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 1;
  const span = max - min || 1;
  const breaks = [1, 2, 3, 4].map((i) => min + (span * i) / 5);
  const lowerBetter = indicator.direction === "LOWER_IS_BETTER";
  return {
    breaks,
    step: (value) => {
      if (value == null || !Number.isFinite(value)) return null;
      let s = breaks.filter((b) => value >= b).length;
      if (lowerBetter) s = 4 - s;
      return s;
    },
  };
}

/** One character for a step: "0"–"4", or "x" for no value. The class of a cell is `heat-<that character>`. */
export function heatStep(step: number | null): string {
  return step == null ? "x" : String(step);
}

/** CSS for the heat-* classes of heatStep(): background and readable text for each step and for "no value". */
export function heatStyles(): string {
  return [...SCALE_COLOURS.map((c, i) => `.heat-${i}{background:${c};color:${SCALE_TEXT[i]}}`), `.heat-x{background:${NO_DATA_COLOUR};color:#1e293b}`].join("");
}
