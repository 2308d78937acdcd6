/** The pieces scripts/test-deploy.sh started, for the checks to stop, pause and restore them. */
import { execFileSync } from "node:child_process";
import pg from "pg";

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run npm run test:deploy`);
  return v;
};

export const WORK = () => env("DEPLOY_WORK");
const PGBIN = () => env("DEPLOY_PGBIN");
export const primaryUrl = () => `postgresql://postgres@127.0.0.1:${env("DEPLOY_PRIMARY_PORT")}/tracker`;
export const replicaUrl = () => `postgresql://postgres@127.0.0.1:${env("DEPLOY_REPLICA_PORT")}/tracker`;
export const appUrl = (which: "A" | "B") =>
  `http://127.0.0.1:${env(which === "A" ? "DEPLOY_APP_A_PORT" : "DEPLOY_APP_B_PORT")}`;
export const appPid = (which: "A" | "B") => Number(env(which === "A" ? "DEPLOY_APP_A_PID" : "DEPLOY_APP_B_PID"));

/** Runs a shell command as the postgres user (the clusters' owner) when we are root. */
export function asPostgres(command: string): string {
  const args =
    process.getuid?.() === 0 ? ["su", "postgres", "-s", "/bin/bash", "-c", command] : ["bash", "-c", command];
  return execFileSync(args[0]!, args.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function pgCtl(dir: "primary" | "replica" | "pitr", action: "start" | "stop", extra = ""): void {
  const log = `${WORK()}/${dir}.log`;
  asPostgres(
    action === "start"
      ? `${PGBIN()}/pg_ctl -D ${WORK()}/${dir} -l ${log} ${extra} -w start`
      : `${PGBIN()}/pg_ctl -D ${WORK()}/${dir} -m fast -w stop`,
  );
}

export async function sql<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export function pgbackrest(args: string): string {
  return asPostgres(`pgbackrest --config=${WORK()}/pgbackrest.conf --stanza=tracker ${args}`);
}

export const PG_BIN = PGBIN;
