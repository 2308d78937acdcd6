import type { ReactNode } from "react";

/**
 * On a phone (below Tailwind's `sm`, 640 px), folds its content behind one control so that the figures come first
 * (issue 28, item 5); from `sm` up the content is always shown and the control is hidden. CSS only (a checkbox and
 * its label, `peer-checked`), so it works without JavaScript and the same markup serves every width: nothing is
 * rendered twice.
 */
export function PhoneFold(props: { id: string; summary: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="print:hidden" data-testid={props.testId}>
      <input type="checkbox" id={props.id} className="peer sr-only sm:hidden" aria-controls={`${props.id}-content`} />
      <label
        htmlFor={props.id}
        className="inline-flex cursor-pointer items-center gap-1 rounded border border-slate-400 bg-white px-3 py-1.5 text-sm peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-sky-700 sm:hidden"
      >
        {props.summary} <span aria-hidden="true">▾</span>
      </label>
      <div id={`${props.id}-content`} className="mt-2 hidden peer-checked:block sm:mt-0 sm:block">
        {props.children}
      </div>
    </div>
  );
}
