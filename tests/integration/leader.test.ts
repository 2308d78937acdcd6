/**
 * Scheduled work runs once across app servers (issue 25, item 2): of several servers in the election on one database,
 * exactly one runs the jobs; when it stops, another takes over; and the expired-sessions job removes only what has
 * been expired for more than a day.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Election, SCHEDULED_JOBS, type ScheduledJob, startElection } from "@/lib/data/leader";
import { testDatabaseUrl, withClient } from "./support/db";

const elections: Election[] = [];
afterAll(async () => {
  await Promise.all(elections.map((e) => e.stop()));
  await withClient((c) => c.query(`DELETE FROM "user" WHERE id LIKE 'leader-test-%'`));
});

describe("scheduled work across servers", () => {
  it("runs on one server only, and moves to another when that one stops", async () => {
    const runs: string[] = [];
    const job = (server: string): ScheduledJob => ({
      name: "count",
      everyMs: 0,
      run: async () => {
        runs.push(server);
      },
    });
    const quiet = { pollMs: 3_600_000, log: () => {} };
    const servers = ["a", "b", "c"].map((name) => {
      const e = startElection(testDatabaseUrl(), [job(name)], { ...quiet, name });
      elections.push(e);
      return e;
    });
    for (let round = 0; round < 3; round++) await Promise.all(servers.map((s) => s.tick()));
    expect(servers.filter((s) => s.isLeader())).toHaveLength(1);
    const first = runs[0]!;
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(runs)).toEqual(new Set([first]));

    const leaderIndex = ["a", "b", "c"].indexOf(first);
    await servers[leaderIndex]!.stop();
    runs.length = 0;
    const rest = servers.filter((_, i) => i !== leaderIndex);
    for (let round = 0; round < 2; round++) await Promise.all(rest.map((s) => s.tick()));
    expect(rest.filter((s) => s.isLeader())).toHaveLength(1);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(runs).size).toBe(1);
    expect(runs[0]).not.toBe(first);
  });

  it("the expired-sessions job removes sessions expired for more than a day, and keeps the others", async () => {
    const at = new Date("2026-11-28T03:00:00Z");
    const hours = (h: number) => new Date(at.getTime() + h * 3_600_000);
    await withClient(async (c) => {
      await c.query(
        `INSERT INTO "user" (id, name, email, updated_at) VALUES ('leader-test-u', 'Leader test', 'leader-test@example.invalid', now())`,
      );
      for (const [id, expires] of [
        ["leader-test-old", hours(-25)],
        ["leader-test-recent", hours(-23)],
        ["leader-test-live", hours(24)],
      ] as const) {
        await c.query(
          `INSERT INTO session (id, token, user_id, expires_at, updated_at) VALUES ($1, $1, 'leader-test-u', $2, now())`,
          [id, expires],
        );
      }
      const job = SCHEDULED_JOBS.find((j) => j.name === "expired sessions")!;
      await job.run(c, at);
      const { rows } = await c.query<{ id: string }>(
        `SELECT id FROM session WHERE user_id = 'leader-test-u' ORDER BY id`,
      );
      expect(rows.map((r) => r.id)).toEqual(["leader-test-live", "leader-test-recent"]);
    });
  });
});
