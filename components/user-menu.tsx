import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-out-button";
import type { Viewer } from "@/lib/auth/viewer";

export async function UserMenu({ viewer }: { viewer: Viewer }) {
  const t = await getTranslations();
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span data-testid="user-name">
        {viewer.name} <span className="text-white/80">({t(`roles.${viewer.role}`)})</span>
      </span>
      <SignOutButton userId={viewer.id} label={t("nav.signOut")} />
    </div>
  );
}
