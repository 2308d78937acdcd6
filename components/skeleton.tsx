/**
 * Placeholder shown while a section streams in (each card/section has its own <Suspense>). On paper it is the line
 * saying what is still loading, not a grey box (app/globals.css, @media print).
 */
export function Skeleton(props: { label: string; height?: string; cards?: number }) {
  const printed = <p className="hidden print:block">{props.label}…</p>;
  if (props.cards) {
    return (
      <div
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-busy="true"
        aria-label={props.label}
        role="status"
      >
        {Array.from({ length: props.cards }, (_, i) => (
          <div key={i} className="h-28 animate-pulse rounded-lg bg-slate-200 print:hidden" />
        ))}
        {printed}
      </div>
    );
  }
  return (
    <div
      className={`${props.height ?? "h-48"} animate-pulse rounded-lg bg-slate-200`}
      aria-busy="true"
      aria-label={props.label}
      role="status"
    >
      {printed}
    </div>
  );
}
