"use client";

/**
 * Both this user and someone else changed the same boxes since the form's base: the other boxes are merged already;
 * for each of these the user chooses which value to keep (lib/offline/month-queue.ts settles it).
 */
import type { Dispatch, SetStateAction } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatInteger } from "@/lib/domain/format";
import { rawIndicator } from "@/lib/domain/indicators";
import type { MonthDraft } from "@/lib/offline/month-drafts";

type Choices = Record<string, "mine" | "theirs">;

export function MonthConflict({
  conflict,
  typed,
  choices,
  onChoose,
  onSettle,
}: {
  conflict: NonNullable<MonthDraft["conflict"]>;
  typed: Record<string, string>;
  choices: Choices;
  onChoose: Dispatch<SetStateAction<Choices>>;
  onSettle: () => void;
}) {
  const setChoices = onChoose;
  const t = useTranslations("monthForm.conflict");
  const locale = useLocale() === "en" ? "en" : "vi";
  const show = (v: number | null | undefined) => (v == null ? "—" : formatInteger(v, locale));
  return (
    <section className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
      <h2 className="font-semibold">{t("heading", { who: conflict.by ?? t("someoneElse") })}</h2>
      <p className="text-sm">{t("intro", { who: conflict.by ?? t("SomeoneElse"), n: conflict.fields.length })}</p>
      <ul className="mt-2 space-y-3">
        {conflict.fields.map((c) => (
          <li key={c.field} data-testid={`conflict-${c.field}`}>
            <p className="font-medium">
              {locale === "en" ? rawIndicator(c.field).nameEn : rawIndicator(c.field).nameVi}
            </p>
            <label className="mr-4 inline-flex items-center gap-1">
              <input
                type="radio"
                name={`choice-${c.field}`}
                checked={choices[c.field] === "mine"}
                onChange={() => setChoices((x) => ({ ...x, [c.field]: "mine" }))}
              />
              {t("mine")} <strong className="tabular-nums">{typed[c.field] || "—"}</strong>
            </label>
            <label className="inline-flex items-center gap-1">
              <input
                type="radio"
                name={`choice-${c.field}`}
                checked={choices[c.field] === "theirs"}
                onChange={() => setChoices((x) => ({ ...x, [c.field]: "theirs" }))}
              />
              {t("theirs", { who: conflict.by ?? t("someoneElse") })}{" "}
              <strong className="tabular-nums">{show(c.theirs)}</strong>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={onSettle}
        disabled={conflict.fields.some((c) => !choices[c.field])}
        className="mt-3 rounded bg-amber-700 px-3 py-1.5 text-white hover:bg-amber-800 disabled:opacity-50"
      >
        {t("apply")}
      </button>
    </section>
  );
}
