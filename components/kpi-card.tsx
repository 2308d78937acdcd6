import type { ReactNode } from "react";
import type { KpiStatus } from "@/lib/domain/indicators";

const STATUS_STYLE: Record<KpiStatus, { box: string; label: string }> = {
  good: { box: "border-emerald-600 bg-emerald-50", label: "Đạt chỉ tiêu" },
  warning: { box: "border-amber-500 bg-amber-50", label: "Gần đạt chỉ tiêu" },
  bad: { box: "border-red-600 bg-red-50", label: "Chưa đạt chỉ tiêu" },
  none: { box: "border-slate-300 bg-white", label: "" },
};

/** A headline figure. The status is written in words too, never colour alone. */
export function KpiCard(props: { title: string; value: ReactNode; detail?: ReactNode; status?: KpiStatus; testId?: string }) {
  const style = STATUS_STYLE[props.status ?? "none"];
  return (
    <section className={`rounded-lg border-l-4 p-4 shadow-sm ${style.box}`} data-testid={props.testId}>
      <h3 className="text-sm font-medium text-slate-700">{props.title}</h3>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{props.value}</p>
      {props.detail && <p className="mt-1 text-sm text-slate-700">{props.detail}</p>}
      {style.label && <p className="mt-1 text-xs font-medium text-slate-800">{style.label}</p>}
    </section>
  );
}
