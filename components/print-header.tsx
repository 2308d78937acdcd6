"use client";
import { useEffect, useState } from "react";
import { formatDateTimeVi } from "@/lib/domain/format";

/**
 * The header printed on paper only: what the page is, its period, and when it was printed. The time is the server's
 * render time until the browser is about to print, when it becomes the actual time of printing.
 */
export function PrintHeader(props: { title: string; period: string; renderedAt: string; printedAtLabel: string }) {
  const [time, setTime] = useState(props.renderedAt);
  useEffect(() => {
    const update = () => setTime(formatDateTimeVi(new Date()));
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, []);
  return (
    <div
      className="print-header hidden border-b border-slate-400 pb-1 text-xs print:flex print:justify-between"
      data-testid="print-header"
    >
      <span>
        {props.title} · {props.period}
      </span>
      <span>{props.printedAtLabel.replace("{time}", time)}</span>
    </div>
  );
}
