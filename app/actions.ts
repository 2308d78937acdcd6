"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { failureOf, viewerLocale } from "@/lib/auth/action";
import { wordsIn } from "@/i18n/words";
import { auth } from "@/lib/auth/server";

/** Why the session could not be ended: the user is still signed in and may try again. */
export interface LogoutFailure {
  message: string;
}

/**
 * Ends the session. better-auth ends it in the browser (its cookie) even when the database cannot delete the session
 * row (an outage: the user is signed out all the same); anything it throws is classified and logged as the actions'
 * shared wrapper does (lib/auth/action.ts's failureOf) and answered with a message beside the button, not an error
 * page. Not through withViewer: reading the session first would refuse a sign-out during an outage.
 */
export async function logout(): Promise<LogoutFailure | undefined> {
  try {
    await auth().api.signOut({ headers: await headers() });
  } catch (error) {
    failureOf("logout", error);
    return { message: wordsIn(await viewerLocale())("nav.signOutFailed") };
  }
  redirect("/login");
}
