"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-form";
import { z } from "zod";
import { withInput } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/data/accounts";
import { formObject, formText } from "@/lib/web/action-input";

const ZActivate = z.object({ next: formText(1000), confirmation: formText(1000) });

/** After signing in with an activation code: the person's own password, then the app. */
export async function activateAction(_s: ActionState, f: FormData): Promise<ActionState> {
  const result = await withInput<ActionState, typeof ZActivate>(
    "activateAction",
    ZActivate,
    formObject(f),
    (e) => ({ ok: false, message: e.message }),
    async (viewer, passwords) => {
      if (!viewer.mustChangePassword) return { ok: true, message: null };
      await changeOwnPassword(viewer, { ...passwords, sessionId: viewer.sessionId ?? "" });
      return { ok: true, message: null };
    },
    { activation: true },
  );
  if (result.ok) redirect("/home");
  return result;
}
