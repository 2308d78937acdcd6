/**
 * next-intl without i18n routing: the locale comes from the NEXT_LOCALE cookie (set by the language switch in the
 * header), Vietnamese by default; URLs carry no locale prefix.
 */
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { type Locale, LOCALE_COOKIE, resolveLocale } from "./locale";

export default getRequestConfig(async () => {
  const locale: Locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone: "Asia/Ho_Chi_Minh",
  };
});
