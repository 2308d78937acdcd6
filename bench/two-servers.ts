/**
 * The two-server run (issue 25): pages through Caddy over HTTPS at 20 connections, balanced over two app servers, against
 * the same pages from one app server alone, as a ratio of throughput. Run inside the production stack of
 * scripts/test-deploy.sh (`npm run bench:two-servers`, or `npm run bench -- --only=two-servers`), which sets the
 * addresses; prints markdown lines.
 *
 * On one machine the two servers, Caddy and PostgreSQL share its cores: the ratio says what the proxy and a second
 * process cost or give here, not what two machines would give.
 */
import { measure, type LoadResult } from "./http";
import { login } from "./reporting-day";

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run npm run bench:two-servers`);
  return v;
};

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const PAGES = ["/", "/communes", "/indicators/proc_on_time_rate"];

async function main() {
  // Caddy's certificate comes from its own internal authority (tls internal), which this process does not trust.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  const proxy = `https://localhost:${need("DEPLOY_HTTPS_PORT")}`;
  const single = `http://127.0.0.1:${need("DEPLOY_APP_A_PORT")}`;
  // One session, signed in through the proxy (the Origin and the Secure cookie of the real address); both servers read
  // it from the database.
  const cookie = await login(proxy, "tinh");
  const lines = [
    "",
    `## Two app servers behind Caddy (${CONNECTIONS} connections, ${SECONDS} s per run)`,
    "",
    "| page | one server: req/s, p95 | Caddy over two servers (HTTPS): req/s, p95 | ratio |",
    "|---|---|---|---|",
  ];
  const row = (r: LoadResult) =>
    `${r.throughput.toFixed(1)}, ${r.p95.toFixed(0)} ms${r.errors ? ` (${r.errors} errors)` : ""}`;
  for (const page of PAGES) {
    const one = await measure(`${single}${page}`, CONNECTIONS, SECONDS, { cookie, "x-forwarded-proto": "https" });
    const two = await measure(`${proxy}${page}`, CONNECTIONS, SECONDS, { cookie });
    lines.push(`| ${page} | ${row(one)} | ${row(two)} | ${(two.throughput / one.throughput).toFixed(2)} |`);
  }
  console.log(lines.join("\n"));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`two-servers: ${(error as Error).message}`);
    process.exit(1);
  },
);
