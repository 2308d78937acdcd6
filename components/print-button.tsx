"use client";
/** Opens the browser's print dialog (which also offers "Save as PDF"). Hidden on paper. */
export function PrintButton(props: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-testid="print-button"
      className="rounded border border-sky-800 bg-white px-3 py-1 text-sm text-sky-900 hover:bg-sky-50 sm:py-1.5 sm:text-base print:hidden"
    >
      {props.label}
    </button>
  );
}
