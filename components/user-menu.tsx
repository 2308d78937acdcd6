import { getTranslations } from "next-intl/server";
import { Slot } from "@/components/page-slot";
import { SignOutButton } from "@/components/sign-out-button";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * Who is signed in, and the sign-out button. In a page kept for every reader of the same scope (`shared`), the name
 * with the role and the id are slots that the server fills for each reader (components/page-slot.tsx,
 * lib/web/shared-page.ts slotValues writes the same name and role).
 */
export async function UserMenu({ viewer, shared }: { viewer: Viewer; shared: boolean }) {
  const t = await getTranslations();
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <Slot name="name" shared={shared}>
        {viewer.name} <span className="text-white/80">({t(`roles.${viewer.role}`)})</span>
      </Slot>
      <span hidden>
        <Slot name="user-id" shared={shared}>
          {viewer.id}
        </Slot>
      </span>
      <SignOutButton userId={shared ? "" : viewer.id} label={t("nav.signOut")} />
    </div>
  );
}
