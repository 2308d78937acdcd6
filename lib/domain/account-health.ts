/**
 * Account health on /admin/users: what an administrator should act on. Pure: given the accounts, the communes and now.
 */
import { currentPeriod, formatPeriodVi } from "./periods";
import type { Role } from "./permissions";

export interface HealthAccount {
  username: string | null;
  role: Role;
  communeCode: string | null;
  disabled: boolean;
  activation: { expiresAt: Date | null; used: boolean } | null;
  lastSignInAt: Date | null;
  twoFactor: boolean;
}

export interface HealthList {
  key: "pending" | "expired" | "no-second-factor" | "communes-without-account" | "communes-not-signed-in";
  label: string;
  items: string[];
}

/** Roles whose accounts must have a second factor where the installation requires it (administrators by default). */
export function secondFactorRequired(role: Role, required: readonly Role[]): boolean {
  return required.includes(role);
}

export function accountHealth(
  accounts: readonly HealthAccount[],
  communes: readonly { code: string; fullName: string }[],
  now: Date,
  requiredSecondFactor: readonly Role[] = [],
): HealthList[] {
  const active = accounts.filter((a) => !a.disabled);
  const name = (a: HealthAccount) => a.username ?? "?";
  const pending = active.filter((a) => a.activation && (!a.activation.expiresAt || a.activation.expiresAt > now));
  const expired = active.filter(
    (a) => a.activation && a.activation.expiresAt && a.activation.expiresAt <= now && !a.activation.used,
  );
  const month = currentPeriod(now);
  const monthStart = (a: Date) => currentPeriod(a) === month;
  const usable = active.filter((a) => !a.activation);
  const communeAccounts = (code: string) => usable.filter((a) => a.role === "COMMUNE" && a.communeCode === code);
  return [
    { key: "pending", label: "Chưa kích hoạt", items: pending.map(name) },
    { key: "expired", label: "Mã kích hoạt đã hết hạn (cần cấp lại)", items: expired.map(name) },
    {
      key: "no-second-factor",
      label: "Chưa bật xác thực hai lớp dù bắt buộc",
      items: usable.filter((a) => secondFactorRequired(a.role, requiredSecondFactor) && !a.twoFactor).map(name),
    },
    {
      key: "communes-without-account",
      label: "Xã, phường chưa có tài khoản hoạt động",
      items: communes.filter((c) => communeAccounts(c.code).length === 0).map((c) => c.fullName),
    },
    {
      key: "communes-not-signed-in",
      label: `Xã, phường chưa đăng nhập trong ${formatPeriodVi(month).toLowerCase()}`,
      items: communes
        .filter((c) => {
          const list = communeAccounts(c.code);
          return list.length > 0 && !list.some((a) => a.lastSignInAt && monthStart(a.lastSignInAt));
        })
        .map((c) => c.fullName),
    },
  ];
}
