/**
 * A backup to a full disk leaves no file (issue 30, item 2): `npm run db:backup` onto a small tmpfs (where this machine
 * allows mounting one) exits 1 saying the disk is full, and leaves nothing there, neither the backup's name nor its
 * temporary file. Where mounting is refused, ENOSPC is injected into the backup's write stream instead.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "@/lib/data/backup";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { applyMigrations } from "@/lib/migrations/apply";
import { root } from "./support";

const admin = process.env.TEST_ADMIN_DATABASE_URL;
const name = `faults_disk_${process.pid}`;
const url = admin ? admin.replace(/\/[^/]*$/, `/${name}`) : "";
const mountPoint = mkdtempSync(path.join(os.tmpdir(), "tracker-full-"));
let mounted = false;

async function onAdmin(sql: string) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (!admin) return;
  await onAdmin(`DROP DATABASE IF EXISTS ${name}`);
  await onAdmin(`CREATE DATABASE ${name}`);
  await applyMigrations(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await seedDemoIfEmpty(c, new Date("2026-11-28T03:00:00Z"));
  } finally {
    await c.end();
  }
  // 256 kB: the plain backup of the demo data (about 1.5 MB) cannot fit.
  mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint]).status === 0;
}, 120_000);

afterAll(async () => {
  if (mounted) execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
  if (admin) await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe.skipIf(!admin)("a backup onto a full disk", () => {
  it("exits 1 saying so and leaves no file", async () => {
    if (mounted) {
      for (const file of ["full.sql", "full.sql.gz"]) {
        if (file.endsWith(".gz")) writeFileSync(path.join(mountPoint, "filler"), Buffer.alloc(240 * 1024)); // leave ~16 kB
        const run = spawnSync(
          process.execPath,
          ["--import", "tsx", "scripts/db-backup.ts", path.join(mountPoint, file)],
          {
            cwd: root,
            env: { ...process.env, DATABASE_URL: url },
            encoding: "utf8",
            timeout: 60_000,
          },
        );
        expect(run.status, run.stdout + run.stderr).toBe(1);
        expect(run.stderr).toMatch(/\[backup\] failed: no space left on the disk/);
        expect(run.stderr).not.toMatch(/^\s+at /m); // no raw stack
        expect(
          readdirSync(mountPoint).filter((f) => f !== "filler"),
          file,
        ).toEqual([]);
      }
      return;
    }
    // Mounting refused here: the same failure injected into the write stream.
    const out = mkdtempSync(path.join(os.tmpdir(), "tracker-full-inject-"));
    try {
      let written = 0;
      const openFile = (p: string) => {
        const real = createWriteStream(p);
        return new Writable({
          write(chunk: Buffer, _e, cb) {
            written += chunk.length;
            if (written > 16 * 1024)
              cb(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
            else real.write(chunk, cb);
          },
          final(cb) {
            real.end(cb);
          },
          destroy(e, cb) {
            real.destroy();
            cb(e);
          },
        });
      };
      await expect(backupDatabase(url, path.join(out, "full.sql"), { openFile })).rejects.toThrow(/no space left/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
