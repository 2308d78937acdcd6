import { formatPeriodVi, type PeriodRange } from "@/lib/domain/periods";

/** A plain GET form (works without JavaScript): the chosen range lands in the URL, so every view is a link. */
export function PeriodForm(props: { months: string[]; range: PeriodRange }) {
  const options = [...props.months].reverse();
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Chọn kỳ báo cáo">
      <label className="flex flex-col text-sm">
        Từ tháng
        <select name="from" defaultValue={props.range.from} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5">
          {options.map((p) => (
            <option key={p} value={p}>{formatPeriodVi(p)}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Đến tháng
        <select name="to" defaultValue={props.range.to} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5">
          {options.map((p) => (
            <option key={p} value={p}>{formatPeriodVi(p)}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">Xem</button>
    </form>
  );
}
