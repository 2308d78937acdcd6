/** A throwaway PostgreSQL cluster from the system's binaries, for benchmarks (as root it runs as `postgres`). */
import { execFileSync, execSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function pgBin(): string {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) {
    if (process.getuid?.() !== 0) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null", { stdio: "inherit" });
  }
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error("No PostgreSQL binaries under /usr/lib/postgresql");
  return path.join(base, versions[0]!, "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  url: (db: string) => string;
  psql: string;
  stop: () => void;
}

export async function startCluster(): Promise<Cluster> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bench-pg-"));
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execSync("id -u postgres").toString());
    const gid = Number(execSync("id -g postgres").toString());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const asPg = (cmd: string) => (root ? execFileSync("su", ["postgres", "-c", cmd], { stdio: "pipe" }) : execSync(cmd, { stdio: "pipe" }));
  const port = await freePort();
  asPg(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
  asPg(`${bin}/pg_ctl -D ${dir}/data -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=32MB" -l ${dir}/log -w start`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPg(`${bin}/pg_ctl -D ${dir}/data -m fast -w stop`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on("exit", stop);
  return { url: (db) => `postgresql://postgres@127.0.0.1:${port}/${db}`, psql: path.join(bin, "psql"), stop };
}
