/**
 * The one colour rule for the map, the ranking, the heat table and the KPI cards. An indicator with a target and a
 * direction is coloured by kpiStatus (met / within 5% / not met), so a commune that misses the target is red
 * everywhere. An indicator without a target says nothing good or bad: a neutral blue scale, darker for more, in five
 * equal steps over the values shown. No value is never a colour of the scale (the pages draw it hatched).
 */
import { type Indicator, kpiStatus } from "./indicators";

export type Shade = "good" | "warning" | "bad" | "s0" | "s1" | "s2" | "s3" | "s4" | "none";

export interface ColourRule {
  kind: "target" | "scale";
  /** For a scale: the four inner breaks, ascending. */
  breaks: number[];
  shade: (value: number | null | undefined) => Shade;
}

export function colourRule(indicator: Indicator, values: readonly (number | null | undefined)[]): ColourRule {
  if (indicator.target != null && indicator.direction != null) {
    return {
      kind: "target",
      breaks: [],
      shade: (v) => (v == null || !Number.isFinite(v) ? "none" : (kpiStatus(indicator, v) as Exclude<Shade, "none">)),
    };
  }
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 1;
  const span = max - min || 1;
  const breaks = [1, 2, 3, 4].map((i) => min + (span * i) / 5);
  return {
    kind: "scale",
    breaks,
    shade: (v) => (v == null || !Number.isFinite(v) ? "none" : (`s${breaks.filter((b) => v >= b).length}` as Shade)),
  };
}

/** Fill and readable text (WCAG AA) of each shade; green, amber and red also differ in lightness. */
export const SHADE_COLOURS: Record<Exclude<Shade, "none">, { fill: string; text: string }> = {
  good: { fill: "#86efac", text: "#14532d" },
  warning: { fill: "#fcd34d", text: "#78350f" },
  bad: { fill: "#b91c1c", text: "#ffffff" },
  s0: { fill: "#dbeafe", text: "#1e293b" },
  s1: { fill: "#93c5fd", text: "#1e293b" },
  s2: { fill: "#60a5fa", text: "#0f172a" },
  s3: { fill: "#2563eb", text: "#ffffff" },
  s4: { fill: "#1e3a8a", text: "#ffffff" },
};
