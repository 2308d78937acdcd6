/**
 * A whole province's accounts from its staff list, on a real PostgreSQL: the dry run lists every row with its errors,
 * the commit creates all accounts or none, the same list again changes nothing, an edited list updates by username,
 * and broken, oversized or mis-encoded files are refused with nothing written.
 */
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activationCodeHash } from "@/lib/auth/secrets";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { commitStaffList, planStaffList, readStaffFile } from "@/lib/data/staff-list";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { loadDemo, viewersOf } from "./support/reports";
import { seedReferenceData } from "@/lib/data/seed";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-12-07T09:00:00+07:00");
let pool: pg.Pool;
let admin: Viewer;

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) =>
  new TextEncoder().encode(`\ufeff${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`);
const HEADER = ["Họ và tên", "Tên đăng nhập", "Vai trò", "Xã, phường", "E-mail"];
const count = async (sql: string) => (await pool.query(sql)).rows[0].n as number;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await pool.end();
  await closeDb();
});

beforeEach(async () => {
  await loadDemo(TODAY);
  // Only the administrator: the province's own staff come from the list.
  await pool.query(`DELETE FROM "user" WHERE username <> 'admin'`);
  [admin] = await viewersOf(pool, "admin");
});

async function communeList(): Promise<string[][]> {
  const { rows } = await pool.query<{ code: string; full_name: string }>(
    `SELECT code, full_name FROM org_unit WHERE level = 'COMMUNE' ORDER BY code`,
  );
  // Codes as a spreadsheet shows them after dropping the leading zero, names for a few.
  return [
    HEADER,
    ...rows.map((r, i) => [
      `Cán bộ ${r.full_name}`,
      "",
      "Cán bộ xã, phường",
      i % 2 ? r.code.replace(/^0+/, "") : r.full_name,
      "",
    ]),
  ];
}

describe("the staff list of the 38 communes", () => {
  it("a dry run writes nothing; the commit creates 38 accounts with activation codes; the same list again changes nothing", async () => {
    const table = await readStaffFile(csv(await communeList()));
    const dry = await planStaffList(admin, table);
    expect(dry.problems).toEqual([]);
    expect(dry.counts).toEqual({ create: 38, update: 0, unchanged: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM "user"`)).toBe(1);

    const { plan, issued } = await commitStaffList(admin, table);
    expect(plan.counts.create).toBe(38);
    expect(issued).toHaveLength(38);
    const muongKim = issued.find((i) => i.username === "xa-03637")!;
    expect(muongKim.communeName).toBe("Xã Mường Kim");
    expect(
      (await pool.query(`SELECT activation_code_hash FROM "user" WHERE username = 'xa-03637'`)).rows[0]
        .activation_code_hash,
    ).toBe(activationCodeHash(muongKim.activationCode));
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.create'`)).toBe(38);

    const again = await commitStaffList(admin, await readStaffFile(csv(await communeList())));
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 38 });
    expect(again.issued).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM "user"`)).toBe(39);
  });

  it("an edited list updates the accounts that match by username, and ends the sessions of one moved", async () => {
    await commitStaffList(admin, await readStaffFile(csv(await communeList())));
    const id = (await pool.query(`SELECT id FROM "user" WHERE username = 'xa-03637'`)).rows[0].id;
    await pool.query(
      `INSERT INTO session (id, expires_at, token, created_at, updated_at, user_id) VALUES ('s', now() + interval '1 hour', 's', now(), now(), $1)`,
      [id],
    );
    const { plan } = await commitStaffList(
      admin,
      await readStaffFile(
        csv([HEADER, ["Lò Thị Hoa", "XA-03637", "Cán bộ xã, phường", "03451", "hoa@laichau.example"]]),
      ),
    );
    expect(plan.counts).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(plan.rows[0]!.changes.join("; ")).toContain("họ tên");
    const { rows } = await pool.query(
      `SELECT u.name, o.code, u.email FROM "user" u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ name: "Lò Thị Hoa", code: "03451", email: "hoa@laichau.example" });
    expect(await count(`SELECT count(*)::int AS n FROM session`)).toBe(0);
  });

  it("lists every bad row with its number, in Vietnamese, and creates nothing", async () => {
    const table = await readStaffFile(
      csv([
        HEADER,
        ["Cán bộ A", "xa-a", "Cán bộ xã, phường", "99999", ""],
        ["Cán bộ B", "xa-b", "Trưởng thôn", "03637", ""],
        ["Cán bộ C", "xa-c", "Cán bộ xã, phường", "03637", ""],
        ["Cán bộ D", "XA-C", "Cán bộ xã, phường", "03637", ""],
        ["Cán bộ E", "", "Cán bộ xã, phường", "", ""],
        ["", "xa-f", "Cán bộ tỉnh", "", ""],
        ['=HYPERLINK("http://x")', "xa-g", "Phân tích số liệu", "", ""],
      ]),
    );
    const { plan, issued } = await commitStaffList(admin, table);
    expect(plan.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "2: Không có xã, phường “99999” trong tỉnh.",
      expect.stringMatching(/^3: Vai trò “Trưởng thôn” không hợp lệ/),
      "5: Tên đăng nhập “xa-c” trùng với dòng 4.",
      "6: Tài khoản cấp xã phải gắn với một xã, phường.",
      "7: Thiếu họ và tên.",
    ]);
    expect(issued).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM "user"`)).toBe(1);
  });

  it("refuses a file in a wrong encoding, a broken workbook, too many rows, or a missing column, writing nothing", async () => {
    const latin1 = Uint8Array.from([...Buffer.from("Họ và tên,Vai trò\r\n", "latin1"), 0xe0, 0x0d, 0x0a]);
    await expect(readStaffFile(latin1)).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("UTF-8"),
    });
    await expect(readStaffFile(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toMatchObject({
      message: expect.stringContaining(".xlsx"),
    });
    const big = [
      HEADER,
      ...Array.from({ length: 5001 }, (_, i) => [`Người ${i}`, `nguoi-${i}`, "Phân tích số liệu", "", ""]),
    ];
    const plan = await planStaffList(admin, await readStaffFile(csv(big)).catch(() => big));
    expect(plan.problems[0]!.message).toContain("tối đa 5000 dòng");
    const noRole = await planStaffList(
      admin,
      await readStaffFile(
        csv([
          ["Họ và tên", "Xã"],
          ["A", "03637"],
        ]),
      ),
    );
    expect(noRole.problems[0]!.message).toContain("“Vai trò”");
  });

  it("reads an .xlsx the way the province keeps it: formulas give their value, codes may have lost their zero", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Cán bộ");
    ws.addRow(HEADER);
    ws.addRow([{ formula: `"Lò "&"Văn Kim"`, result: "Lò Văn Kim" }, "", "Cán bộ xã, phường", 3637, ""]);
    ws.addRow(["Đỗ Thị Hà", "ha.do", "Cán bộ tỉnh", null, "ha@laichau.example"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { plan, issued } = await commitStaffList(admin, await readStaffFile(bytes));
    expect(plan.problems).toEqual([]);
    expect(issued.map((i) => [i.username, i.name, i.communeName])).toEqual([
      ["xa-03637", "Lò Văn Kim", "Xã Mường Kim"],
      ["ha.do", "Đỗ Thị Hà", null],
    ]);
  });

  it("5,000 accounts in one list are created in one transaction, and only an administrator may", async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 5000 }, (_, i) => [`Người thứ ${i}`, `nguoi-${i}`, "Phân tích số liệu", "", ""]),
    ];
    const started = performance.now();
    const { issued } = await commitStaffList(admin, await readStaffFile(csv(rows)));
    expect(issued).toHaveLength(5000);
    console.log(`staff list: 5,000 accounts committed in ${Math.round(performance.now() - started)} ms`);
    const [province] = await withClient(async (c) => viewersOf(c, "admin"));
    await expect(
      commitStaffList({ ...province, role: "PROVINCE" }, await readStaffFile(csv(rows))),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(planStaffList({ ...province, role: "COMMUNE" }, [])).rejects.toMatchObject({ code: "FORBIDDEN" });
  }, 240_000);
});

describe("on an installation with reference data only", () => {
  it("works before any other account exists", async () => {
    await withClient(async (c) => {
      await resetDatabase(c);
      await seedReferenceData(c);
    });
    const viewer: Viewer = {
      id: "x",
      username: "console",
      name: "x",
      role: "ADMIN",
      orgUnitId: null,
      communeCode: null,
    };
    await expect(
      planStaffList(viewer, await readStaffFile(csv([HEADER, ["A B", "", "Cán bộ xã, phường", "03637", ""]]))),
    ).resolves.toMatchObject({ counts: { create: 1 } });
  });
});
