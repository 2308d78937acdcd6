import type { Metadata } from "next";
import type { ComponentProps } from "react";
import { now } from "@/lib/clock";
import { connection } from "next/server";
import { ClientMessages } from "@/components/client-messages";
import { type DataColumn, DataTable } from "@/components/data-table";
import { ExportDownload } from "@/components/export-download";
import { MonthOptions, Options } from "@/components/select-options";
import { requireViewer } from "@/lib/auth/viewer";
import { EXPORT_OPTION_RULES, exportFileName, paramsToObject, parseExportOptions } from "@/lib/domain/export-options";
import { schemaWording } from "@/lib/domain/wording";
import { COMPUTED_INDICATORS, COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import { REFORM_START, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import type { SearchParams } from "@/lib/domain/range-query";
import { DataError } from "@/lib/data/errors";
import { prepareExport, previewExport } from "@/lib/data/export";
import { listCommunes } from "@/lib/data/org-units";
import { getLocale, getTranslations } from "next-intl/server";
import { type Locale, formatInteger } from "@/lib/domain/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("export"))("title") };
}

function toQuery(params: SearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const x of Array.isArray(v) ? v : v ? [v] : []) if (x !== "") q.append(k, x);
  return q;
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** A parameter's refusal in the viewer's language: its rule (EXPORT_OPTION_RULES) worded by the catalogue. */
function refusalText(message: string | undefined, t: Translate, td: Translate): string {
  const wording = message === undefined ? undefined : schemaWording(EXPORT_OPTION_RULES, message);
  return wording ? td(`exportOptions.${wording.rule}`, wording.values) : (message ?? t("invalid"));
}

export default async function ExportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("export");
  const tc = await getTranslations("categories");
  const td = await getTranslations("dataErrors");
  const locale = (await getLocale()) as Locale;
  const params = await searchParams;
  const latest = lastFullMonth(now());
  const months = periodsInRange(REFORM_START, latest).reverse();
  const communes = await listCommunes("12");
  const districts = [...new Set(communes.flatMap((c) => c.formerDistricts))].sort();
  const submitted = params.to !== undefined;
  const query = toQuery(params);
  const parsed = submitted ? parseExportOptions(paramsToObject(query), now()) : null;
  let result: {
    count: number;
    rows: unknown[][];
    header: string[];
    href: string;
    fileName: string;
    xlsxHref: string;
    xlsxFileName: string;
  } | null = null;
  let error: string | null = parsed && !parsed.success ? refusalText(parsed.error.issues[0]?.message, t, td) : null;
  if (parsed?.success) {
    try {
      const prepared = await prepareExport(viewer, parsed.data);
      const preview = await previewExport(prepared);
      result = {
        ...preview,
        header: prepared.header,
        href: `/api/v1/export.csv?${query.toString()}`,
        fileName: exportFileName(parsed.data),
        xlsxHref: `/api/v1/export.xlsx?${query.toString()}`,
        xlsxFileName: exportFileName(parsed.data, "xlsx"),
      };
    } catch (e) {
      if (e instanceof DataError && e.code === "FORBIDDEN") error = e.text ? td(e.text.key, e.text.values) : e.message;
      else throw e;
    }
  }
  const selected = (name: string) => new Set(([] as string[]).concat(params[name] ?? []));
  const chosenIndicators = selected("indicators");
  const chosenCommunes = selected("communes");
  const isCommune = viewer.role === "COMMUNE";
  const countText = result ? formatInteger(result.count, locale) : "";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">
        {t("intro", { vi: t("preset.vi"), rfc: t("preset.rfc") })}
        {isCommune && t("communeOnly")}
      </p>
      <form method="get" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 font-semibold">{t("period")}</legend>
          {(
            [
              ["from", params.from ?? REFORM_START],
              ["to", params.to ?? latest],
            ] as const
          ).map(([end, chosen]) => (
            <SelectField key={end} label={t(end)} name={end} defaultValue={String(chosen)}>
              <MonthOptions months={months} />
            </SelectField>
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-1 font-semibold">{t("indicators")}</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {[...COMMUNE_RAW_INDICATORS, ...COMPUTED_INDICATORS.filter((i) => i.formula.type !== "reporting")].map(
              (i) => (
                <label key={i.code} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="indicators"
                    value={i.code}
                    defaultChecked={chosenIndicators.has(i.code)}
                    className="mt-1"
                  />
                  <span>
                    {locale === "en" ? i.nameEn : i.nameVi}{" "}
                    <span className="text-slate-600">
                      ({tc(i.category)}
                      {i.kind === "COMPUTED" ? t("computedSuffix") : ""})
                    </span>
                  </span>
                </label>
              ),
            )}
          </div>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" name="computed" value="1" defaultChecked={params.computed === "1"} />{" "}
            {t("withComputed")}
          </label>
        </fieldset>
        {!isCommune && (
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 font-semibold">{t("units")}</legend>
            <SelectField label={t("kind")} name="kind" defaultValue={String(params.kind ?? "")}>
              <option value="">{t("all")}</option>
              <Options
                options={[
                  ["xa", t("xa")],
                  ["phuong", t("phuong")],
                ]}
              />
            </SelectField>
            <SelectField label={t("district")} name="district" defaultValue={String(params.district ?? "")}>
              <option value="">{t("all")}</option>
              <Options options={districts.map((d) => [d, d] as const)} />
            </SelectField>
            <SelectField
              label={t("pick")}
              name="communes"
              multiple
              size={5}
              defaultValue={[...chosenCommunes]}
              className="min-w-64"
            >
              <Options options={communes.map((c) => [c.code, `${c.fullName} (${c.code})`] as const)} />
            </SelectField>
          </fieldset>
        )}
        <fieldset className="flex flex-wrap gap-6 text-sm">
          <legend className="mb-1 font-semibold">{t("format")}</legend>
          {(
            [
              ["format", "long", params.format !== "wide", t("long")],
              ["format", "wide", params.format === "wide", t("wide")],
              ["header", "code", params.header !== "vi", t("headerCode")],
              ["header", "vi", params.header === "vi", t("headerVi")],
            ] as const
          ).map(([name, value, checked, label]) => (
            <label key={`${name}-${value}`} className="flex items-center gap-2">
              <input type="radio" name={name} value={value} defaultChecked={checked} /> {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap gap-6 text-sm">
          <legend className="mb-1 font-semibold">{t("csvKind")}</legend>
          {(["vi", "rfc"] as const).map((preset) => (
            <label key={preset} className="flex items-center gap-2">
              <input type="radio" name="preset" value={preset} defaultChecked={(params.preset ?? "vi") === preset} />{" "}
              {t(`preset.${preset}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
          {t("preview")}
        </button>
      </form>
      {error && (
        <p role="alert" data-testid="export-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {result && (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-lg font-semibold">
            {t.rich("previewHeading", {
              file: result.fileName,
              count: () => <span data-testid="export-count">{countText}</span>,
            })}
          </h2>
          <ClientMessages namespaces={["exportDownload"]}>
            <ExportDownload
              href={result.href}
              fileName={result.fileName}
              xlsxHref={result.xlsxHref}
              xlsxFileName={result.xlsxFileName}
              totalRows={result.count}
            />
          </ClientMessages>
          <DataTable
            testId="export-preview"
            caption={`${t("preview")}: ${result.fileName}`}
            rows={result.rows.map((cells, line) => ({ line, cells }))}
            rowKey={(r) => String(r.line)}
            columns={result.header.map((h, j): DataColumn<{ cells: readonly unknown[] }> => ({
              key: h,
              header: h,
              cell: (r) => (r.cells[j] == null ? "" : String(r.cells[j])),
              cellClassName: () => "text-xs tabular-nums",
            }))}
          />
        </section>
      )}
    </div>
  );
}

/** A labelled select of the export form. */
function SelectField({ label, className, ...select }: ComponentProps<"select"> & { label: string }) {
  return (
    <label className="flex flex-col text-sm">
      {label}
      <select {...select} className={`mt-1 rounded border border-slate-400 px-2 py-1.5 ${className ?? ""}`} />
    </label>
  );
}
