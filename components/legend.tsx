import { getTranslations } from "next-intl/server";
import type { ColourRule, Shade } from "@/lib/domain/colour-rule";
import type { Indicator } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";
import { shadeBackground } from "./colour-scale";

/** Legend of the colour rule: the target's three bands, or the scale's five value bands, plus hatched "no value". */
export async function Legend(props: { rule: ColourRule; indicator: Indicator; ui: Ui; noData: string; label: string }) {
  const tk = await getTranslations("kpi");
  const fmt = (v: number) => props.ui.value(v, props.indicator.unit);
  const b = props.rule.breaks;
  const target = props.indicator.target;
  const sign = props.indicator.direction === "LOWER_IS_BETTER" ? "≤" : "≥";
  const items: { shade: Shade; label: string }[] =
    props.rule.kind === "target"
      ? [
          { shade: "good", label: `${tk("status.good")} (${sign} ${fmt(target!)})` },
          { shade: "warning", label: tk("status.warning") },
          { shade: "bad", label: tk("status.bad") },
        ]
      : [
          { shade: "s0", label: `< ${fmt(b[0]!)}` },
          { shade: "s1", label: `${fmt(b[0]!)} – ${fmt(b[1]!)}` },
          { shade: "s2", label: `${fmt(b[1]!)} – ${fmt(b[2]!)}` },
          { shade: "s3", label: `${fmt(b[2]!)} – ${fmt(b[3]!)}` },
          { shade: "s4", label: `≥ ${fmt(b[3]!)}` },
        ];
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={props.label} data-testid="legend">
      {[...items, { shade: "none" as const, label: props.noData }].map((i) => (
        <li key={i.shade} className="flex items-center gap-1" data-shade={i.shade}>
          <span
            aria-hidden="true"
            className="inline-block h-3 w-5 rounded-sm border border-slate-400"
            style={{ background: shadeBackground(i.shade) }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
