"use server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./locale";

/** The language switch: stores the choice in a cookie for a year; the page re-renders in that language. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = resolveLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
