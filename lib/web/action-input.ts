/**
 * Reading a server action's FormData through its zod schema (lib/auth/action.ts withInput): the form as a plain
 * object, and the field shapes the actions share. Each shape reads a field as the actions always have (a missing
 * field is "", text is cut at its bound before anything else looks at it); the rules on the values stay in lib/data.
 */
import { z } from "zod";

/** The form's fields as an object (the first value of a repeated name, as FormData.get gives). */
export function formObject(form: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [name, value] of form) if (!(name in out)) out[name] = value;
  return out;
}

/** A text field, "" when absent, cut at `max` characters (a bound against huge posts, not a rule). */
export const formText = (max = Number.POSITIVE_INFINITY) =>
  z.preprocess((v) => (v == null ? "" : String(v)).slice(0, max), z.string());

/** A text field that is null when empty. */
export const formOptionalText = (max?: number) => formText(max).transform((s) => s || null);

/** A checkbox or hidden flag: on when its value is "1". */
export const formFlag = z.preprocess((v) => v === "1", z.boolean());

/** A number field as Number() reads it (NaN for text that is not a number: the data layer refuses it with its message). */
export const formNumber = (options: { max?: number; absent?: number } = {}) =>
  z.preprocess(
    (v) => (v == null ? (options.absent ?? NaN) : Number(String(v).slice(0, options.max))),
    z.custom<number>((v) => typeof v === "number"),
  );

/** An optional number (a version): absent or "" is undefined. */
export const formOptionalNumber = z.preprocess(
  (v) => (v == null || v === "" ? undefined : Number(v)),
  z.custom<number | undefined>((v) => v === undefined || typeof v === "number"),
);
