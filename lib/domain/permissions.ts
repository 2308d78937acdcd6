/**
 * Who may do what (SPEC §2), as one table. lib/data calls these before every read and write of commune data
 * and scopes its queries with them; the authorization matrix test runs every role against every function.
 */
export type Role = "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";

export interface Actor {
  role: Role;
  orgUnitId: number | null;
}

/** Province-wide aggregates and received (submitted/approved) reports: every signed-in role. */
export function canReadAggregates(_actor: Actor): boolean {
  return true;
}

/** A commune's report including drafts and returned ones: its own commune's staff, the province and admins, analysts only once received. */
export function canReadReport(actor: Actor, orgUnitId: number, received: boolean): boolean {
  if (actor.role === "ADMIN" || actor.role === "PROVINCE") return true;
  if (actor.role === "COMMUNE") return actor.orgUnitId === orgUnitId;
  return received;
}

/** The province's return comment on a report: the commune concerned, the province and admins (not analysts, not other communes). */
export function canReadReturnComment(actor: Actor, orgUnitId: number): boolean {
  if (actor.role === "ADMIN" || actor.role === "PROVINCE") return true;
  return actor.role === "COMMUNE" && actor.orgUnitId === orgUnitId;
}

/** Entering, saving and submitting a monthly report: only the commune's own staff. */
export function canEditReport(actor: Actor, orgUnitId: number): boolean {
  return actor.role === "COMMUNE" && actor.orgUnitId !== null && actor.orgUnitId === orgUnitId;
}

/** The roles that review reports (and so hear when one arrives: lib/domain/notices). */
export const REVIEWER_ROLES: readonly Role[] = ["PROVINCE", "ADMIN"];

/** Approving, returning and reopening reports; locking and unlocking months. */
export function canReview(actor: Actor): boolean {
  return REVIEWER_ROLES.includes(actor.role);
}

/** Entering the Decision 766 components that come from the national portal (province-level figures). */
export function canEnterIndex766(actor: Actor): boolean {
  return actor.role === "PROVINCE" || actor.role === "ADMIN";
}

export function canLockPeriods(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "PROVINCE";
}

/** Publishing a month to the public view and withdrawing it (issue 26). */
export function canPublish(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "PROVINCE";
}

/** Turning the public view on or off: administrators only. */
export function canSwitchPublicView(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function canReadAudit(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "PROVINCE";
}

/**
 * Exports of all communes; a COMMUNE user exports its own commune only. The one rule: lib/data/export.ts applies it,
 * the menu (components/site-header.tsx) shows the export by it.
 */
export function canExport(actor: Actor): boolean {
  return actor.role !== "COMMUNE" || actor.orgUnitId !== null;
}

export function canImport(actor: Actor, orgUnitId: number): boolean {
  return actor.role === "ADMIN" || actor.role === "PROVINCE" || canEditReport(actor, orgUnitId);
}

/** Whether the import page is for this user at all (which communes, is checked per row by lib/data/import). */
export function canImportSomething(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "PROVINCE" || (actor.role === "COMMUNE" && actor.orgUnitId !== null);
}

export const ROLE_LABEL_VI: Record<Role, string> = {
  ADMIN: "Quản trị hệ thống",
  PROVINCE: "Cán bộ tỉnh",
  COMMUNE: "Cán bộ xã, phường",
  ANALYST: "Phân tích số liệu",
};
