import { getTranslations } from "next-intl/server";
import type { CommuneFilters, SearchParams } from "@/lib/domain/range-query";
import { first } from "@/lib/domain/range-query";
import { Options } from "./select-options";

/** Kind / former district filters (and optionally the text search) as a GET form that keeps the other parameters. */
export async function FilterForm(props: {
  districts: string[];
  filters: CommuneFilters;
  params: SearchParams;
  search?: boolean;
  path: string;
}) {
  const t = await getTranslations("filters");
  const replaced = props.search ? ["kind", "district", "q"] : ["kind", "district"];
  const keep = Object.entries(props.params).filter(([k]) => !replaced.includes(k));
  return (
    <form
      method="get"
      action={props.path}
      className="flex flex-wrap items-end gap-3 print:hidden"
      aria-label={t("label")}
    >
      {keep.map(([k, v]) => {
        const value = first(v);
        return value === undefined ? null : <input key={k} type="hidden" name={k} value={value} />;
      })}
      {props.search && (
        <label className="flex flex-col text-sm">
          {t("search")}
          <input
            type="search"
            name="q"
            defaultValue={props.filters.q ?? ""}
            placeholder={t("searchPlaceholder")}
            className="mt-1 w-56 rounded border border-slate-400 bg-white px-2 py-1.5"
          />
        </label>
      )}
      <label className="flex flex-col text-sm">
        {t("kind")}
        <select
          name="kind"
          defaultValue={props.filters.kind === "XA" ? "xa" : props.filters.kind === "PHUONG" ? "phuong" : ""}
          className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
        >
          <option value="">{t("allKinds")}</option>
          <option value="xa">{t("xa")}</option>
          <option value="phuong">{t("phuong")}</option>
        </select>
      </label>
      <label className="flex flex-col text-sm">
        {t("district")}
        <select
          name="district"
          defaultValue={props.filters.district ?? ""}
          className="mt-1 max-w-full rounded border border-slate-400 bg-white px-2 py-1.5"
        >
          <option value="">{t("allDistricts")}</option>
          <Options options={props.districts.map((d) => [d, d] as const)} />
        </select>
      </label>
      <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">
        {t("apply")}
      </button>
    </form>
  );
}
