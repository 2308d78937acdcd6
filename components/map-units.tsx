"use client";
/**
 * The units of the server-drawn map (components/commune-map.tsx): a link per unit, its outline from the cached SVG
 * sprite, filled by its shade. A client component only for what the page sends (issue 24, item 3): rendered on the
 * server into the first HTML as before (no JavaScript needed), while the page's React payload carries one compact
 * tuple per unit instead of every unit's link, outline and title.
 */
import type { Shade } from "@/lib/domain/colour-rule";
import { shadeFill } from "./colour-scale";

/** A unit's code, name, accessible label ("Xã Mường Kim: 99,5%") and shade. */
export type MapUnit = readonly [code: string, name: string, label: string, shade: Shade];

/** `sprite`: the sprite's address up to the unit's code (`/map/units.svg?v=…#u`). */
export function MapUnits({ units, sprite }: { units: readonly MapUnit[]; sprite: string }) {
  return units.map(([code, name, label, shade]) => (
    <a
      key={code}
      href={`/communes/${code}`}
      aria-label={label}
      data-name={name}
      data-testid={`map-unit-${code}`}
      className="map-unit"
    >
      <use href={sprite + code} fill={shadeFill(shade)} data-shade={shade} stroke="#334155" strokeWidth={0.8}>
        <title>{label}</title>
      </use>
    </a>
  ));
}
