"use client";

/**
 * A commune's month form. The same rules as the server (lib/domain/validation) run as the user types; the server
 * action validates again and saves. Values live in React state, so they survive a refused save or a conflict.
 */
import { useActionState, useEffect, useMemo, useState } from "react";
import { saveMonthForm } from "@/app/entry/actions";
import { rawIndicator, type RawCode } from "@/lib/domain/indicators";
import { formatInteger, formatPercent } from "@/lib/domain/format";
import { FORM_SECTIONS, type MonthValues, REPORT_FIELDS, monthTotals, validateMonth } from "@/lib/domain/validation";
import type { MonthFormState } from "./month-form-state";

export interface MonthFormProps {
  period: string;
  version: number;
  values: MonthValues;
  previousValues: MonthValues | null;
  history: MonthValues[];
}

const initialState: MonthFormState = { ok: false, message: null, fieldErrors: {} };

const show = (v: number | null | undefined) => (v == null ? "—" : formatInteger(v));

export function MonthForm(props: MonthFormProps) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(REPORT_FIELDS.map((f) => [f, props.values[f] == null ? "" : String(props.values[f])])),
  );
  const [version, setVersion] = useState(props.version);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const [state, formAction, pending] = useActionState(saveMonthForm, initialState);

  useEffect(() => {
    if (state.ok && state.version !== undefined) setVersion(state.version);
  }, [state]);

  const check = useMemo(
    () => validateMonth(values, { previous: props.previousValues, history: props.history }),
    [values, props.previousValues, props.history],
  );
  const totals = monthTotals(check.values);
  const missing = REPORT_FIELDS.filter((f) => check.values[f] == null);
  const openWarnings = check.warnings.filter((w) => !acknowledged.has(w.key));
  const canSubmit = check.errors.length === 0 && missing.length === 0 && openWarnings.length === 0;

  const errorsOf = (field: RawCode): string[] => {
    const live = check.errors.filter((e) => e.field === field).map((e) => e.message);
    const server = state.fieldErrors[field] ?? [];
    return [...new Set([...live, ...server])];
  };

  return (
    <form action={formAction} className="space-y-6" noValidate aria-describedby="form-message">
      <input type="hidden" name="period" value={props.period} />
      <input type="hidden" name="version" value={version} />

      {state.message && (
        <div
          id="form-message"
          role={state.ok ? "status" : "alert"}
          data-testid="form-message"
          className={`rounded border p-3 ${state.ok ? "border-emerald-400 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}
        >
          <p>{state.message}</p>
          {state.code === "WARNINGS" && state.warnings && (
            <ul className="mt-1 list-disc pl-5 text-sm">{state.warnings.map((w) => <li key={w.key}>{w.message}</li>)}</ul>
          )}
        </div>
      )}

      {state.conflict && version !== state.conflict.serverVersion && (
        <section className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
          <h2 className="font-semibold">Xung đột khi lưu</h2>
          <p className="text-sm">
            Trên máy chủ đã có phiên bản {state.conflict.serverVersion}
            {state.conflict.lastSavedBy ? `, do ${state.conflict.lastSavedBy} lưu` : ""}. Các ô khác nhau:
          </p>
          {state.conflict.differences.length > 0 ? (
            <div className="overflow-x-auto">
              <table className="mt-2 text-sm">
                <thead>
                  <tr className="text-left"><th className="pr-4">Chỉ tiêu</th><th className="pr-4">Trên máy chủ</th><th>Bạn nhập</th></tr>
                </thead>
                <tbody>
                  {state.conflict.differences.map((d) => (
                    <tr key={d.field}>
                      <td className="pr-4">{rawIndicator(d.field).nameVi}</td>
                      <td className="pr-4 tabular-nums">{show(d.server)}</td>
                      <td className="tabular-nums font-semibold">{show(d.mine)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm">Không có ô nào khác nhau.</p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" onClick={() => setVersion(state.conflict!.serverVersion)}
              className="rounded bg-amber-700 px-3 py-1.5 text-white hover:bg-amber-800">
              Giữ số liệu của tôi (lưu lại sẽ ghi đè)
            </button>
            <a href={`/entry/${props.period}`} className="rounded border border-slate-400 bg-white px-3 py-1.5">Bỏ số liệu của tôi, tải bản trên máy chủ</a>
          </div>
        </section>
      )}
      {state.conflict && version === state.conflict.serverVersion && !state.ok && (
        <p className="rounded border border-amber-400 bg-amber-50 p-2 text-sm" role="status">
          Số liệu của bạn được giữ nguyên. Bấm “Lưu nháp” để ghi đè phiên bản trên máy chủ.
        </p>
      )}

      {FORM_SECTIONS.map((section) => (
        <fieldset key={section.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{section.title}</legend>
          <div className="grid gap-4 md:grid-cols-2">
            {section.fields.map((field) => {
              const ind = rawIndicator(field);
              const errors = errorsOf(field);
              const prev = props.previousValues?.[field];
              return (
                <div key={field}>
                  <label htmlFor={field} className="block text-sm font-medium">
                    {ind.nameVi} <span className="font-normal text-slate-600">({ind.unit})</span>
                  </label>
                  <div className="mt-1 flex items-center gap-3">
                    <input
                      id={field}
                      name={field}
                      inputMode="numeric"
                      data-previous={prev ?? ""}
                      autoComplete="off"
                      value={values[field]}
                      onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                      aria-invalid={errors.length > 0}
                      aria-describedby={`${field}-prev${errors.length ? ` ${field}-err` : ""}`}
                      className={`w-32 rounded border px-2 py-1.5 text-right tabular-nums ${errors.length ? "border-red-600 bg-red-50" : "border-slate-400"}`}
                    />
                    <span id={`${field}-prev`} className="text-sm text-slate-600">Tháng trước: {show(prev)}</span>
                  </div>
                  {errors.length > 0 && (
                    <p id={`${field}-err`} className="mt-1 text-sm text-red-800" data-testid={`error-${field}`}>{errors.join(". ")}</p>
                  )}
                </div>
              );
            })}
          </div>
          {section.id === "procedures" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-procedures">
              Đã giải quyết (trước hạn + đúng hạn + quá hạn): <strong>{show(totals.resolved)}</strong>
              {" · "}Tỷ lệ đúng và trước hạn: <strong>{totals.onTimeRate == null ? "—" : formatPercent(totals.onTimeRate)}</strong>
              {" · "}Tỷ lệ trực tuyến: <strong>{totals.onlineRate == null ? "—" : formatPercent(totals.onlineRate)}</strong>
            </p>
          )}
          {section.id === "staffing" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-staffing">
              Tổng số CB, CC, VC: <strong>{show(totals.staffTotal)}</strong>
            </p>
          )}
          {section.id === "shortage" && (
            <p className="mt-3 text-sm text-slate-800">Tổng vị trí còn thiếu: <strong>{show(totals.shortageTotal)}</strong></p>
          )}
        </fieldset>
      ))}

      {check.warnings.length > 0 && (
        <fieldset className="rounded-lg border border-amber-400 bg-amber-50 p-4">
          <legend className="px-1 font-semibold">Cảnh báo: xác nhận từng mục trước khi nộp</legend>
          <ul className="space-y-2">
            {check.warnings.map((w) => (
              <li key={w.key}>
                <label className="flex items-start gap-2">
                  <input type="checkbox" name="ack" value={w.key} className="mt-1 h-4 w-4"
                    checked={acknowledged.has(w.key)}
                    onChange={(e) => setAcknowledged((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(w.key); else next.delete(w.key);
                      return next;
                    })} />
                  <span>{w.message}. Tôi xác nhận số liệu này đúng.</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button type="submit" name="intent" value="save" disabled={pending}
          className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Lưu nháp
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending || !canSubmit}
          className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-50">
          Nộp báo cáo
        </button>
        {pending && <span className="text-sm" role="status">Đang lưu…</span>}
        {!canSubmit && !pending && (
          <span className="text-sm text-slate-700">
            {check.errors.length > 0
              ? `Còn ${check.errors.length} lỗi cần sửa.`
              : missing.length > 0
                ? `Còn ${missing.length} ô chưa nhập.`
                : `Còn ${openWarnings.length} cảnh báo chưa xác nhận.`}
          </span>
        )}
      </div>
    </form>
  );
}
