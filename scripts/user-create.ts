/**
 * `npm run user:create -- --username NAME --role ADMIN|PROVINCE|ANALYST|COMMUNE [--commune CODE] --name "…" [--email …]`
 *
 * Creates an account from the server's console (a server without a browser, or a second administrator). The password
 * is never a flag (it would stay in the shell's history and in the process list): it is read from standard input (one
 * line; asked twice, without echo, at a terminal) or from TRACKER_NEW_PASSWORD. The same rules as every other way in
 * (lib/data/accounts.ts): a bad role, an unknown commune, a commune account without a commune, a username taken or a
 * password the policy refuses end with a message and exit status 1. The account signs in with that password directly.
 *
 * Like `npm start` it uses DATABASE_URL, else the embedded database of TRACKER_DATA_DIR (./.data): the running one,
 * or one started for the occasion (migrated and with its reference data, so it also works before the first start).
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { withDatabase } from "../lib/embedded/instance";
import { applyMigrations } from "../lib/migrations/apply";
import { seedReferenceData } from "../lib/data/seed";
import { DataError } from "../lib/data/errors";
import { parseRole } from "../lib/domain/accounts";

const USAGE =
  'Cách dùng: npm run user:create -- --username TÊN --role ADMIN|PROVINCE|ANALYST|COMMUNE [--commune MÃ_XÃ] --name "Họ tên" [--email ĐỊA_CHỈ]\n' +
  "Mật khẩu đọc từ đầu vào chuẩn (một dòng) hoặc biến môi trường TRACKER_NEW_PASSWORD, không bao giờ từ tham số dòng lệnh.";

function fail(message: string): never {
  console.error(`[user:create] ${message}`);
  process.exit(1);
}

async function readHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let shown = false;
  out._writeToOutput = (s: string) => {
    if (!shown) {
      process.stdout.write(prompt);
      shown = true;
    } else if (s.includes("\n")) process.stdout.write("\n");
  };
  return new Promise((resolve) =>
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer);
    }),
  );
}

async function readPassword(): Promise<string> {
  if (process.env.TRACKER_NEW_PASSWORD !== undefined) return process.env.TRACKER_NEW_PASSWORD;
  if (process.stdin.isTTY) {
    const first = await readHidden("Mật khẩu mới: ");
    const second = await readHidden("Nhập lại mật khẩu mới: ");
    if (first !== second) fail("Hai lần nhập mật khẩu không giống nhau.");
    return first;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 4096) fail("Mật khẩu quá dài.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: "string" },
        role: { type: "string" },
        commune: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.password !== undefined)
    fail(
      "Không nhận mật khẩu qua tham số dòng lệnh (lộ trong lịch sử lệnh). Dùng đầu vào chuẩn hoặc TRACKER_NEW_PASSWORD.",
    );
  const role = parseRole(String(values.role ?? ""));
  if (!role)
    fail(`Vai trò “${String(values.role ?? "")}” không hợp lệ: ADMIN, PROVINCE, ANALYST hoặc COMMUNE.\n${USAGE}`);
  if (!values.username) fail(`Thiếu --username.\n${USAGE}`);
  if (!values.name) fail(`Thiếu --name.\n${USAGE}`);
  const password = await readPassword();
  const log = (m: string) => console.log(`[user:create] ${m}`);
  const created = await withDatabase("npm run user:create", log, async (url) => {
    process.env.DATABASE_URL = url;
    await applyMigrations(url, () => undefined);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await seedReferenceData(client);
    } finally {
      await client.end();
    }
    // Loaded only now: the data layer reads DATABASE_URL when first used.
    const { createAccountWithPassword } = await import("../lib/data/accounts");
    const { closeDb } = await import("../lib/data/db");
    try {
      return await createAccountWithPassword({
        username: String(values.username),
        name: String(values.name),
        role,
        communeCode: (values.commune as string | undefined) ?? null,
        email: (values.email as string | undefined) ?? null,
        password,
      });
    } finally {
      await closeDb();
    }
  });
  log(`Đã tạo tài khoản ${created.username}. Tài khoản đăng nhập ngay bằng mật khẩu vừa nhập.`);
}

main().catch((error: unknown) => {
  if (error instanceof DataError) fail(error.message);
  fail(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
});
