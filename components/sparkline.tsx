/** A tiny inline SVG line of monthly values (server-rendered, prints as is). Decorative: the figures are in text. */
export function Sparkline(props: { values: (number | null)[]; width?: number; height?: number }) {
  const w = props.width ?? 96;
  const h = props.height ?? 24;
  const present = props.values.filter((v): v is number => v != null);
  if (present.length === 0) return <svg width={w} height={h} aria-hidden="true" />;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const n = props.values.length;
  const x = (i: number) => (n === 1 ? w / 2 : 2 + (i * (w - 4)) / (n - 1));
  const y = (v: number) => h - 2 - ((v - min) * (h - 4)) / span;
  const segments: string[] = [];
  let current = "";
  props.values.forEach((v, i) => {
    if (v == null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? " L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const lastIndex = props.values
    .map((v, i) => (v == null ? -1 : i))
    .filter((i) => i >= 0)
    .at(-1)!;
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      aria-hidden="true"
      className="inline-block align-middle"
      data-testid="sparkline"
    >
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="#075985" strokeWidth={1.5} />
      ))}
      <circle cx={x(lastIndex)} cy={y(props.values[lastIndex]!)} r={2} fill="#075985" />
    </svg>
  );
}
