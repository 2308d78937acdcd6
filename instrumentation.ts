/**
 * Next.js calls register() once when a server starts. Here it starts the sweep of deadline reminders
 * (lib/data/reminders.ts): every REMINDER_SWEEP_MS, from a minute after start. Each reminder is claimed in the
 * database before it is written, so several app servers sweeping at once still send it once: unlike the leader's jobs
 * (lib/data/leader.ts, started by scripts/server.ts) it needs no election, and it runs in Next.js's own modules (Prisma,
 * the mailer). TRACKER_REMINDERS=0, or SCHEDULED_WORK=0 (no scheduled work on this server), turns it off.
 */
const REMINDER_SWEEP_MS = 15 * 60_000;

export async function register(): Promise<void> {
  if (
    process.env.NEXT_RUNTIME !== "nodejs" ||
    process.env.TRACKER_REMINDERS === "0" ||
    process.env.SCHEDULED_WORK === "0"
  )
    return;
  const [{ sendDueReminders }, { now }] = await Promise.all([import("./lib/data/reminders"), import("./lib/clock")]);
  const sweep = async () => {
    try {
      for (const run of await sendDueReminders(now())) {
        if (run.units > 0)
          console.log(`[reminders] ${run.kind} ${run.period}: ${run.units} unit(s), ${run.notices} notice(s)`);
      }
    } catch (error) {
      // The database may be down or still starting: the next sweep tries again.
      console.warn("[reminders] sweep failed:", error instanceof Error ? error.message : error);
    }
  };
  setTimeout(() => {
    void sweep();
    setInterval(() => void sweep(), REMINDER_SWEEP_MS).unref();
  }, 60_000).unref();
}
