import { type SearchParams, hrefWith } from "@/lib/domain/range-query";

/** A column header that sorts by a link (?sort=col, again for ?sort=-col): works without JavaScript. */
export function SortHeader(props: {
  column: string;
  label: string;
  current: { column: string; descending: boolean };
  path: string;
  params: SearchParams;
  sortLabels: { ascending: string; descending: string };
  align?: "right";
}) {
  const active = props.current.column === props.column;
  const next = active && !props.current.descending ? `-${props.column}` : props.column;
  const ariaSort = active ? (props.current.descending ? "descending" : "ascending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} className={`px-3 py-2 ${props.align === "right" ? "text-right" : ""}`}>
      <a href={hrefWith(props.path, props.params, { sort: next })} className="text-slate-900">
        {props.label}
        {active && <span aria-hidden="true"> {props.current.descending ? "▼" : "▲"}</span>}
        {active && (
          <span className="sr-only">
            {" "}
            ({props.current.descending ? props.sortLabels.descending : props.sortLabels.ascending})
          </span>
        )}
      </a>
    </th>
  );
}
