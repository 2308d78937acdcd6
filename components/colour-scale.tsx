/**
 * The colours of lib/domain/colour-rule.ts as the pages draw them: a one-character code per cell for the heat table,
 * its CSS classes, and the hatching that marks "no value" on the map, in tables and in the legends.
 */
import { SHADE_COLOURS, type Shade } from "@/lib/domain/colour-rule";

export { colourRule } from "@/lib/domain/colour-rule";

const SHADE_CHAR: Record<Shade, string> = {
  good: "g",
  warning: "w",
  bad: "b",
  s0: "0",
  s1: "1",
  s2: "2",
  s3: "3",
  s4: "4",
  none: "x",
};

/** The hatching of "no value": a pattern no step of any scale can be mistaken for. */
export const NO_DATA_HATCH = "repeating-linear-gradient(135deg,#f8fafc 0 3px,#94a3b8 3px 4px)";

export function shadeFill(shade: Shade): string {
  return shade === "none" ? "url(#no-data-hatch)" : SHADE_COLOURS[shade].fill;
}

export function shadeBackground(shade: Shade): string {
  return shade === "none" ? NO_DATA_HATCH : SHADE_COLOURS[shade].fill;
}

/** One character for a shade. The class of a heat table cell is `heat-<that character>`. */
export function heatStep(shade: Shade): string {
  return SHADE_CHAR[shade];
}

/** CSS for the heat-* classes of heatStep(): background and readable text for each shade, hatching for no value. */
export function heatStyles(): string {
  const shades = Object.keys(SHADE_COLOURS) as Exclude<Shade, "none">[];
  return [
    ...shades.map((s) => `.heat-${SHADE_CHAR[s]}{background:${SHADE_COLOURS[s].fill};color:${SHADE_COLOURS[s].text}}`),
    `.heat-x{background:${NO_DATA_HATCH};color:#1e293b}`,
  ].join("");
}

/** The SVG pattern behind shadeFill("none"); drawn once inside each SVG that uses it. */
export function NoDataPattern() {
  return (
    <defs>
      <pattern id="no-data-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f8fafc" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" strokeWidth="2" />
      </pattern>
    </defs>
  );
}
