import { getTranslations } from "next-intl/server";
import type { Indicator } from "@/lib/domain/indicators";
import { MAP_HEIGHT, MAP_WIDTH, laiChauPaths, laiChauSprite } from "@/lib/map/geometry";
import type { Ui } from "@/i18n/server";
import { NoDataPattern, colourRule } from "./colour-scale";
import { Legend } from "./legend";
import { MapTap } from "./map-tap";
import { type MapUnit, MapUnits } from "./map-units";

/**
 * Choropleth of the 38 units, rendered on the server as SVG (no tiles, no client JavaScript). Each unit is a link to
 * its commune page, focusable with the keyboard, with a <title> naming it and its value (on a touch screen, a first tap
 * names it below the map: components/map-tap.tsx). The outlines themselves come
 * from one cached SVG document (app/map/units.svg): the page carries only colours, labels and links, and its React
 * payload one tuple per unit (components/map-units.tsx).
 */
export async function CommuneMap(props: {
  indicator: Indicator;
  values: Map<string, number | null>;
  ui: Ui;
  rangeLabel: string;
}) {
  const t = await getTranslations("overview");
  const ti = await getTranslations("indicator");
  const paths = laiChauPaths();
  const sprite = laiChauSprite();
  const rule = colourRule(props.indicator, [...props.values.values()]);
  const title = t("mapTitle", { indicator: props.ui.name(props.indicator), range: props.rangeLabel });
  return (
    <figure className="space-y-2" data-testid="commune-map">
      <Legend rule={rule} indicator={props.indicator} ui={props.ui} noData={ti("noValue")} label={ti("legend")} />
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        className="h-auto w-full max-w-xl"
        role="group"
        aria-labelledby="map-title"
      >
        <title id="map-title">{title}</title>
        <NoDataPattern />
        <MapUnits
          sprite={sprite.href("")}
          units={paths.map((p): MapUnit => {
            const v = props.values.get(p.code) ?? null;
            const label = t("mapUnit", {
              name: p.name,
              value: v == null ? ti("noValue") : props.ui.value(v, props.indicator.unit),
            });
            return [p.code, p.name, label, rule.shade(v)];
          })}
        />
      </svg>
      <MapTap openLabel={t.raw("mapTapOpen") as string} hint={t("mapTapHint")} />
      <figcaption className="text-xs text-slate-700" data-testid="map-attribution">
        {t("mapAttribution")}
      </figcaption>
    </figure>
  );
}
