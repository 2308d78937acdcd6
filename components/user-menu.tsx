import { SignOutButton } from "@/components/sign-out-button";
import { ROLE_LABEL_VI } from "@/lib/domain/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export function UserMenu({ viewer }: { viewer: Viewer }) {
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span data-testid="user-name">
        {viewer.name} <span className="text-white/80">({ROLE_LABEL_VI[viewer.role]})</span>
      </span>
      <SignOutButton userId={viewer.id} />
    </div>
  );
}
