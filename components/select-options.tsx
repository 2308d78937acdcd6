"use client";
/**
 * The `<option>`s of a server-rendered `<select>`, drawn from compact props (issue 24, item 3). Written by a server
 * component, each option travels twice, once in the HTML and once as an element in the page's React payload, and the
 * same list of months or communes is repeated in every select that offers it (two period selects, five comparison
 * slots). As a client component the HTML is the same (it is rendered on the server too, so the form works without
 * JavaScript), while the payload carries the list once as plain pairs: React sends an array passed by reference to
 * several components only once.
 */
import { formatPeriodVi } from "@/lib/domain/periods";

export type OptionPairs = readonly (readonly [value: string, label: string])[];

export function Options(props: { options?: OptionPairs; groups?: readonly (readonly [label: string, OptionPairs])[] }) {
  const list = (pairs: OptionPairs) =>
    pairs.map(([value, label]) => (
      <option key={value} value={value}>
        {label}
      </option>
    ));
  return (
    <>
      {props.options && list(props.options)}
      {props.groups?.map(([label, pairs]) => (
        <optgroup key={label} label={label}>
          {list(pairs)}
        </optgroup>
      ))}
    </>
  );
}

/** Months ('YYYY-MM') as options labelled "Tháng 07/2025". */
export function MonthOptions({ months }: { months: readonly string[] }) {
  return months.map((m) => (
    <option key={m} value={m}>
      {formatPeriodVi(m)}
    </option>
  ));
}

/**
 * The two labelled month choices of a range in a GET form ("Từ tháng", "Đến tháng"): the period picker's and the
 * comparison's.
 */
export function MonthRangeSelects(props: {
  labels: readonly [from: string, to: string];
  names: readonly [from: string, to: string];
  range: { from: string; to: string };
  months: readonly string[];
  /** The labels' classes beyond their layout (e.g. the text size). */
  labelClassName?: string;
  testIds?: readonly [from: string, to: string];
}) {
  return (["from", "to"] as const).map((end, i) => (
    <label key={end} className={`flex flex-col ${props.labelClassName ?? ""}`.trim()}>
      {props.labels[i]}
      <select
        name={props.names[i]}
        defaultValue={props.range[end]}
        className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
        data-testid={props.testIds?.[i]}
      >
        <MonthOptions months={props.months} />
      </select>
    </label>
  ));
}
