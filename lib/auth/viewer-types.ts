export type Role = "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";

/** The signed-in user as the data layer sees them. */
export interface Viewer {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** The commune a COMMUNE user is bound to (null for other roles). */
  orgUnitId: number | null;
  communeCode: string | null;
}
