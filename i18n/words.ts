/**
 * The catalogue outside React and outside a request's next-intl config: the data layer words its refusals in
 * Vietnamese from it (lib/data/errors.ts), and the action wrapper answers in the viewer's language (lib/auth/action.ts).
 */
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import vi from "@/messages/vi.json";
import type { Locale } from "./locale";

/** A message of the catalogue by its full key ("actionErrors.UNAVAILABLE"), with its values. */
export type Words = (key: string, values?: Record<string, string | number>) => string;

const translators: Record<Locale, Words> = {
  vi: untyped(createTranslator({ locale: "vi", messages: vi })),
  en: untyped(createTranslator({ locale: "en", messages: en })),
};

function untyped(t: (key: never, values?: never) => string): Words {
  return (key, values) => t(key as never, values as never);
}

export function wordsIn(locale: Locale): Words {
  return translators[locale];
}

/** The language a translator of wordsIn says things in (a figure's format, an indicator's name follow it). */
export function localeOfWords(words: Words): Locale {
  return words === translators.en ? "en" : "vi";
}
