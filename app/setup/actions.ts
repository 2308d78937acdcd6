"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ActionState } from "@/components/action-form";
import { z } from "zod";
import { wordsIn } from "@/i18n/words";
import { failureOf, inLanguage, viewerLocale } from "@/lib/auth/action";
import { auth } from "@/lib/auth/server";
import { SetupClosed, setupFirstAdministrator } from "@/lib/data/setup";
import { normalizePassword } from "@/lib/domain/password-policy";
import { formObject, formText } from "@/lib/web/action-input";

const ZSetup = z
  .object({
    token: formText(200),
    username: formText(100),
    name: formText(1000),
    next: formText(1000),
    confirmation: formText(1000),
  })
  .transform(({ next, ...rest }) => ({ ...rest, password: next }));

/**
 * The first administrator: created with the token consumed in one transaction, then signed in. There is no viewer yet,
 * so not withInput; its failures are classified by the same failureOf (a refusal's message, an outage's, or a log line).
 */
export async function setupAction(_s: ActionState, f: FormData): Promise<ActionState> {
  const input = ZSetup.parse(formObject(f));
  let created: { username: string };
  try {
    created = await setupFirstAdministrator(input);
  } catch (error) {
    if (error instanceof SetupClosed) notFound();
    const locale = await viewerLocale();
    const failure = inLanguage(failureOf("setupAction", error), locale);
    return {
      ok: false,
      message: failure.code === "UNEXPECTED" ? wordsIn(locale)("setup.unexpected") : failure.message,
    };
  }
  await auth().api.signInUsername({
    body: { username: created.username, password: normalizePassword(input.password) },
    headers: await headers(),
  });
  redirect("/admin/users?welcome=1");
}
