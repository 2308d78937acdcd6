/**
 * As root, `npm start` runs its embedded PostgreSQL as the system user `postgres`: a private data folder (mktemp -d,
 * mode 700, as `DEMO_DATA=0 TRACKER_DATA_DIR=$(mktemp -d) npm start` gives it) must still work, and a closed folder
 * further up is named rather than initdb's bare "Permission denied". Root only: as another user the server runs as
 * that user and nothing is to be passed through.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCluster } from "@/lib/embedded/postgres";

const made: string[] = [];
const privateFolder = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-folder-"));
  made.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.getuid?.() === 0)("the embedded database's data folder, as root", () => {
  it("starts in a private folder of mode 700, opened to passing through only", async () => {
    const dir = privateFolder();
    const cluster = await startCluster({
      dataDir: path.join(dir, "pg"),
      port: 0,
      password: null,
      durable: false,
      logFile: path.join(dir, "pg.log"),
    });
    await cluster.stop();
    expect(existsSync(path.join(dir, "pg", "PG_VERSION"))).toBe(true);
  });

  it("names a closed folder further up, and creates nothing", async () => {
    const inner = path.join(privateFolder(), "inner");
    mkdirSync(inner);
    await expect(
      startCluster({
        dataDir: path.join(inner, "pg"),
        port: 0,
        password: null,
        durable: false,
        logFile: path.join(inner, "pg.log"),
      }),
    ).rejects.toThrow(/cannot pass through .*tracker-folder-[^/:]+: choose a data folder outside it/);
    expect(existsSync(path.join(inner, "pg"))).toBe(false);
  });
});
