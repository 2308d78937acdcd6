"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/data/accounts";

/** After signing in with an activation code: the person's own password, then the app. */
export async function activateAction(_s: ActionState, f: FormData): Promise<ActionState> {
  const result = await withViewer<ActionState>(
    "activateAction",
    (e) => ({ ok: false, message: e.message }),
    async (viewer) => {
      if (!viewer.mustChangePassword) return { ok: true, message: null };
      await changeOwnPassword(viewer, {
        next: String(f.get("next") ?? "").slice(0, 1000),
        confirmation: String(f.get("confirmation") ?? "").slice(0, 1000),
        sessionId: viewer.sessionId ?? "",
      });
      return { ok: true, message: null };
    },
    { activation: true },
  );
  if (result.ok) redirect("/home");
  return result;
}
