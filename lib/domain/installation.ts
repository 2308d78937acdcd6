/**
 * Demo data never enter a real installation (issue 30, item 6). The rules here; lib/data/demo-seed.ts reads the facts
 * from the database and records the marks.
 */

/** Demo accounts are created with an address in the reserved .invalid domain (lib/data/demo-accounts.ts). */
export const DEMO_EMAIL_DOMAIN = "demo.invalid";
const DEMO_USERNAME = /^(?:admin|tinh|phantich|xa-\d{5})$/;

/** An account created with the demo data: a demo username and the demo address. Any other account is a real one. */
export function isDemoAccount(account: { username: string | null; email: string }): boolean {
  return (
    account.username !== null &&
    DEMO_USERNAME.test(account.username) &&
    account.email.toLowerCase() === `${account.username.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`
  );
}

export interface InstallationFacts {
  /** process.env.DEMO_DATA at this start. */
  demoDataEnv: string | undefined;
  /** The 'real' mark of the database, if any: why and since when. */
  realMark: { reason: string; setAt: Date } | null;
  /** Accounts that are not demo accounts. */
  realAccounts: number;
  /** Monthly reports in the database. */
  reports: number;
}

export type DemoDecision =
  | { load: true }
  /** markReal: the reason to record in the database, so that no later start loads demo data, whatever its environment. */
  | { load: false; why: string; markReal: string | null };

export function demoDecision(f: InstallationFacts): DemoDecision {
  if (f.realMark) {
    return {
      load: false,
      why: `this is a real installation (${f.realMark.reason}, recorded ${f.realMark.setAt.toISOString()})`,
      markReal: null,
    };
  }
  if (f.demoDataEnv === "0") return { load: false, why: "DEMO_DATA=0", markReal: "started with DEMO_DATA=0" };
  if (f.realAccounts > 0) {
    const reason = `the database has ${f.realAccounts} account(s) that are not demo accounts`;
    return { load: false, why: reason, markReal: reason };
  }
  if (f.reports > 0) return { load: false, why: "the database already holds reports", markReal: null };
  return { load: true };
}

/** A demo installation: demo data or demo accounts, never marked real, no real account. */
export function isDemoInstallationFacts(f: {
  realMark: unknown;
  realAccounts: number;
  demoMark: boolean;
  demoAccounts: number;
}): boolean {
  return !f.realMark && f.realAccounts === 0 && (f.demoMark || f.demoAccounts > 0);
}
