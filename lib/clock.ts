/**
 * The app's one clock. Every "now" in lib/, app/ and scripts/ comes from here, and every calendar decision made with it
 * goes through lib/domain/periods.ts, which reads dates in Asia/Ho_Chi_Minh whatever the machine's time zone.
 *
 * It reads the process clock, so a whole process tree can be moved to another instant from outside (Debian's
 * `faketime`, which also moves the PostgreSQL server started under it; see the README's "Time" section) and tests
 * set their instant with `vi.setSystemTime`. Nothing in the app itself can change the time: a production install
 * cannot trip over a setting it forgot.
 */
export function now(): Date {
  return new Date();
}
