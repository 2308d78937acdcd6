"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { z } from "zod";
import { viewerWords, withInput } from "@/lib/auth/action";
import { publishMonth, setPublicView, withdrawMonth } from "@/lib/data/publication";
import { formatPeriodVi } from "@/lib/domain/periods";
import { formFlag, formObject, formOptionalText, formText } from "@/lib/web/action-input";

const ZWithdraw = z.object({ period: formText(20), reason: formOptionalText(3000) });
const ZPublish = ZWithdraw.extend({ lock: formFlag });
const ZPublicView = z.object({ enabled: formFlag });

const failed = (e: { message: string }): ActionState => ({ ok: false, message: e.message });

/** "Công bố" and "Khoá sổ và công bố": the month's approved figures become public. */
export async function publishMonthAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("publishMonthAction", ZPublish, formObject(f), failed, async (viewer, { period, lock, reason }) => {
    await publishMonth(viewer, { period, lock, reason });
    revalidatePath("/admin/publication");
    const words = await viewerWords();
    const month = formatPeriodVi(period);
    return {
      ok: true,
      message: words(`actionResults.publication.${lock ? "lockedPublished" : "published"}`, { month }),
    };
  });
}

export async function withdrawMonthAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("withdrawMonthAction", ZWithdraw, formObject(f), failed, async (viewer, { period, reason }) => {
    await withdrawMonth(viewer, { period, reason });
    revalidatePath("/admin/publication");
    return {
      ok: true,
      message: (await viewerWords())("actionResults.publication.withdrawn", { month: formatPeriodVi(period) }),
    };
  });
}

export async function setPublicViewAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("setPublicViewAction", ZPublicView, formObject(f), failed, async (viewer, { enabled }) => {
    const r = await setPublicView(viewer, { enabled });
    revalidatePath("/admin/publication");
    const result = !r.changed ? "unchanged" : enabled ? "publicOn" : "publicOff";
    return { ok: true, message: (await viewerWords())(`actionResults.publication.${result}`) };
  });
}
