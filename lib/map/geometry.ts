/**
 * Boundaries of the 38 units as SVG paths, projected once per process. The GeoJSON follows RFC 7946 (outer rings
 * counter-clockwise) while d3-geo expects clockwise rings on the sphere: a unit whose spherical area exceeds a
 * hemisphere is "the whole world minus the unit", so its rings are reversed before projecting.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type GeoPermissibleObjects, geoArea, geoMercator, geoPath } from "d3-geo";

type Position = number[];
type Geometry = { type: "Polygon"; coordinates: Position[][] } | { type: "MultiPolygon"; coordinates: Position[][][] };

export interface UnitFeature {
  type: "Feature";
  properties: { code: string; full_name: string; [k: string]: unknown };
  geometry: Geometry;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: UnitFeature[];
}

/** Returns the feature with its rings reversed when d3-geo would read it as covering more than half the sphere. */
export function rewind(feature: UnitFeature): UnitFeature {
  if (geoArea(feature as unknown as GeoPermissibleObjects) <= 2 * Math.PI) return feature;
  const g = feature.geometry;
  const geometry: Geometry =
    g.type === "Polygon"
      ? { type: "Polygon", coordinates: g.coordinates.map((ring) => [...ring].reverse()) }
      : { type: "MultiPolygon", coordinates: g.coordinates.map((poly) => poly.map((ring) => [...ring].reverse())) };
  return { ...feature, geometry };
}

export interface UnitPath {
  code: string;
  name: string;
  d: string;
}

/** Projects every unit into a width × height box (Mercator fitted to the province) with 1 decimal of precision. */
export function projectUnits(collection: FeatureCollection, width: number, height: number): UnitPath[] {
  const features = collection.features.map(rewind);
  const fc = { type: "FeatureCollection", features } as unknown as GeoPermissibleObjects;
  const projection = geoMercator().fitSize([width, height], fc as never);
  const toPath = geoPath(projection).digits(1);
  return features.map((f) => ({
    code: f.properties.code,
    name: f.properties.full_name,
    d: toPath(f as unknown as GeoPermissibleObjects) ?? "",
  }));
}

export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 520;

let cached: UnitPath[] | null = null;

/** Lai Châu's 38 units, from data/lai_chau_communes_2025.geojson (read from disk, never from the network). */
export function laiChauPaths(): UnitPath[] {
  if (!cached) {
    const file = path.join(process.cwd(), "data", "lai_chau_communes_2025.geojson");
    cached = projectUnits(JSON.parse(readFileSync(file, "utf8")) as FeatureCollection, MAP_WIDTH, MAP_HEIGHT);
  }
  return cached;
}

let sprite: { svg: string; href: (code: string) => string } | null = null;

/** The outlines as one SVG document of <path id="u<code>"> (app/map/units.svg), and the URL of each unit in it. */
export function laiChauSprite(): { svg: string; href: (code: string) => string } {
  if (!sprite) {
    const paths = laiChauPaths()
      .map((p) => `<path id="u${p.code}" d="${p.d}"/>`)
      .join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}"><defs>${paths}</defs></svg>`;
    const version = createHash("sha256").update(svg).digest("hex").slice(0, 12);
    sprite = { svg, href: (code) => `/map/units.svg?v=${version}#u${code}` };
  }
  return sprite;
}
