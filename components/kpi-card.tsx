import type { ReactNode } from "react";
import { SHADE_COLOURS } from "@/lib/domain/colour-rule";
import type { KpiStatus } from "@/lib/domain/indicators";

/** `pending`: figures still coming in before their deadline, neither good nor bad yet. */
type CardStatus = KpiStatus | "pending";

const STATUS_BOX: Record<CardStatus, string> = {
  good: "border-emerald-600 bg-emerald-50",
  pending: "border-sky-600 bg-white",
  warning: "border-amber-500 bg-amber-50",
  bad: "border-red-600 bg-red-50",
  none: "border-slate-300 bg-white",
};

const STATUS_MARK: Record<CardStatus, string> = { good: "✓", warning: "!", bad: "✗", pending: "…", none: "" };

/** A headline figure. The status is written in words too (statusLabel), never colour alone. */
export function KpiCard(props: {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  status?: CardStatus;
  statusLabel?: string;
  change?: ReactNode;
  /** What the figure covers when not every unit (issue 28): "Tạm tính: 26/38 xã, phường", "12 xã, phường lấy số liệu tháng 10/2026". */
  coverage?: string | null;
  testId?: string;
}) {
  const status = props.status ?? "none";
  return (
    <section
      className={`rounded-lg border-l-4 p-3 shadow-sm sm:p-4 print:p-2 print:shadow-none ${STATUS_BOX[status]}`}
      data-testid={props.testId}
      style={status === "none" || status === "pending" ? undefined : { borderLeftColor: SHADE_COLOURS[status].fill }}
    >
      <h3 className="text-xs font-medium text-slate-700 sm:text-sm">{props.title}</h3>
      <p className="mt-1 text-xl font-semibold tabular-nums sm:text-2xl print:text-lg" data-testid="kpi-value">
        {props.value}
      </p>
      {props.coverage && (
        <p className="mt-1 text-xs font-medium text-amber-900 sm:text-sm" data-testid="kpi-coverage">
          {props.coverage}
        </p>
      )}
      {props.detail && <p className="mt-1 text-xs text-slate-700 sm:text-sm">{props.detail}</p>}
      {/* On a phone the change against the previous period is left to the indicator page, so that the first four cards
          fit the first screen whatever the month's coverage notes say (issue 28). */}
      {props.change && (
        <p className="mt-1 hidden text-xs text-slate-700 sm:block sm:text-sm print:block">{props.change}</p>
      )}
      {status !== "none" && props.statusLabel && (
        <p className="mt-1 text-xs font-medium text-slate-800">
          <span aria-hidden="true">{STATUS_MARK[status]} </span>
          {props.statusLabel}
        </p>
      )}
    </section>
  );
}
