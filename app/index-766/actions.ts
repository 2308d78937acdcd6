"use server";

/** Saving the 766 components entered from the national portal: the form's schema again, then lib/data (which checks the role),
 * through withInput (session, outage and unexpected errors answered as every action answers them). */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { z } from "zod";
import type { Locale } from "@/i18n/locale";
import { viewerLocale, viewerWords, withInput } from "@/lib/auth/action";
import { saveIndex766Entries } from "@/lib/data/index766-entries";
import { ENTERED_COMPONENTS, index766EntriesSchema, index766PointsWording } from "@/lib/domain/index766";
import { formText } from "@/lib/web/action-input";
import { PROVINCE } from "@/lib/web/page-context";

/** The form, its points read as the viewer's language writes them (the page fills them in so). */
const formSchema = (locale: Locale) => z.object({ period: formText(20), values: index766EntriesSchema(locale) });

export async function saveIndex766Action(_state: ActionState, form: FormData): Promise<ActionState> {
  const entered = Object.fromEntries(ENTERED_COMPONENTS.map((c) => [c.key, String(form.get(c.key) ?? "")]));
  const ZIndex766Form = formSchema(await viewerLocale());
  return withInput<ActionState, typeof ZIndex766Form>(
    "saveIndex766Action",
    ZIndex766Form,
    { period: form.get("period"), values: entered },
    (e) => ({ ok: false, message: e.message }),
    async (viewer, { period, values }) => {
      const changed = await saveIndex766Entries(viewer, { provinceCode: PROVINCE, period, values });
      revalidatePath("/index-766");
      const words = await viewerWords();
      const message = changed
        ? words("actionResults.index766.saved", { count: String(changed) })
        : words("actionResults.index766.unchanged");
      return { ok: true, message };
    },
    { rules: { area: "index766Points", rules: index766PointsWording } },
  );
}
