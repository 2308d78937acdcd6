/**
 * The new password typed twice, with the policy said once (lib/domain/password-policy.ts), on every form that sets one;
 * and the current password, on every form that asks for it. Texts: catalogue namespace "passwordForm" (a client
 * component using them needs <ClientMessages namespaces={["passwordForm"]}> above it).
 */
import { useTranslations } from "next-intl";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, RECOMMENDED_PASSWORD_LENGTH } from "@/lib/domain/password-policy";

export function NewPasswordFields({ label: given }: { label?: string }) {
  const t = useTranslations("passwordForm");
  const label = given ?? t("newLabel");
  return (
    <>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium">
          {label}
        </label>
        <input
          id="new-password"
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          aria-describedby="password-rules"
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
        <p id="password-rules" className="mt-1 text-xs text-slate-700">
          {t("rules", { min: MIN_PASSWORD_LENGTH, recommended: RECOMMENDED_PASSWORD_LENGTH })}
        </p>
      </div>
      <div>
        <label htmlFor="confirm-password" className="block text-sm font-medium">
          {t("repeat", { label: label.toLowerCase() })}
        </label>
        <input
          id="confirm-password"
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
      </div>
    </>
  );
}

/** The account's current password, asked before changing it or its second factor. */
export function CurrentPasswordField({ id, name }: { id: string; name: string }) {
  const t = useTranslations("passwordForm");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {t("current")}
      </label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete="current-password"
        required
        maxLength={200}
        className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
      />
    </div>
  );
}
