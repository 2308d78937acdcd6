/**
 * Notices by e-mail (SMTP_URL) against a local SMTP server started here on a port the system picks: an approval mails
 * the commune's accounts a Vietnamese message; the review does not wait for the mail server; with the mail server down
 * the review still succeeds, the notice stays in the app and the failure is logged.
 */
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { unreadNotices } from "@/lib/data/notices";
import { approveReport, latestOpenPeriod, returnReport, submitReport } from "@/lib/data/reports";
import { setUserEmail } from "@/lib/data/users";
import { closeNoticeMail, noticeMailsSettled } from "@/lib/mail/notices";
import { type LocalSmtp, startLocalSmtp } from "./support/mail";
import { ALL_WARNING_KEYS, demoDatabase, setReport, validMonth, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
const BASE_URL = "https://theodoi.laichau.example";
const ADDRESS = "vanthu.muongkim@laichau.example";
let pool: pg.Pool;
let commune: Viewer;
let province: Viewer;
let admin: Viewer;
let smtp: LocalSmtp;
const saved = { SMTP_URL: process.env.SMTP_URL, BETTER_AUTH_URL: process.env.BETTER_AUTH_URL };

beforeAll(async () => {
  pool = await demoDatabase(TODAY);
  [commune, province, admin] = await viewersOf(pool, "xa-03637", "tinh", "admin");
  // The demo accounts' addresses are under .invalid (never mailed): the admin gives the commune's account a real one.
  await setUserEmail(admin, { userId: commune.id, email: ADDRESS });
  process.env.BETTER_AUTH_URL = BASE_URL;
});

beforeEach(async () => {
  smtp = await startLocalSmtp();
  process.env.SMTP_URL = smtp.url;
  await setReport(pool, commune.orgUnitId!, P, null);
});

afterEach(async () => {
  await noticeMailsSettled();
  // The pooled connections first: the server's close waits for open connections.
  closeNoticeMail();
  await smtp.close();
  vi.restoreAllMocks();
});

afterAll(async () => {
  closeNoticeMail();
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await pool?.end();
  await closeDb();
});

async function submitted(): Promise<number> {
  const values = await validMonth(pool, commune.orgUnitId!, addMonths(P, -1));
  return (
    await submitReport(commune, {
      communeId: commune.orgUnitId!,
      period: P,
      version: 0,
      values,
      acknowledgedWarnings: ALL_WARNING_KEYS,
    })
  ).reportId;
}

async function statusOf(reportId: number): Promise<string> {
  const { rows } = await pool.query<{ status: string }>(
    `SELECT status::text AS status FROM monthly_report WHERE id = $1`,
    [reportId],
  );
  return rows[0]!.status;
}

/** A port on the loopback where nothing listens: a mail server that is down. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("notices by e-mail", () => {
  it("an approval mails the commune's account a Vietnamese e-mail (reviewers without an address get none)", async () => {
    const reportId = await submitted();
    await approveReport(province, { reportId });
    await noticeMailsSettled();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([ADDRESS]);
    expect(mail!.from).toContain("no-reply@theodoi.laichau.example");
    expect(mail!.subject).toBe(
      `[Lai Châu 2 cấp] Tỉnh đã duyệt báo cáo tháng ${P.slice(5)}/${P.slice(0, 4)} của Xã Mường Kim`,
    );
    expect(mail!.text).toContain(`Tỉnh đã duyệt báo cáo tháng ${P.slice(5)}/${P.slice(0, 4)} của Xã Mường Kim.`);
    expect(mail!.text).toContain(`Xem báo cáo: ${BASE_URL}/entry/${P}`);
  });

  it("a return's e-mail carries the province's comment", async () => {
    const reportId = await submitted();
    await returnReport(province, { reportId, comment: "Đề nghị kiểm tra lại số trang số hoá." });
    await noticeMailsSettled();
    expect(smtp.received.map((m) => m.to)).toEqual([[ADDRESS]]);
    expect(smtp.received[0]!.text).toContain("Ý kiến của tỉnh: Đề nghị kiểm tra lại số trang số hoá.");
  });

  it("the review does not wait for a slow mail server", async () => {
    closeNoticeMail();
    await smtp.close();
    smtp = await startLocalSmtp({ greetingDelayMs: 1500 });
    process.env.SMTP_URL = smtp.url;
    const reportId = await submitted();
    await approveReport(province, { reportId });
    // Approved and committed while the mail server has not even greeted yet.
    expect(await statusOf(reportId)).toBe("APPROVED");
    expect(smtp.received).toHaveLength(0);
    await noticeMailsSettled();
    expect(smtp.received).toHaveLength(1);
  });

  it("with the mail server down the approval succeeds, the notice stays in the app, and the failure is logged", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const reportId = await submitted();
    await expect(approveReport(province, { reportId })).resolves.toMatchObject({ status: "APPROVED" });
    await noticeMailsSettled();
    expect(await statusOf(reportId)).toBe("APPROVED");
    expect(await unreadNotices(commune)).toBeGreaterThan(0);
    expect(logged.mock.calls.map((c) => String(c[0]))).toContainEqual(
      expect.stringMatching(new RegExp(`^\\[notice mail\\] not sent to ${ADDRESS} \\(APPROVED ${P}\\)`)),
    );
    expect(smtp.received).toHaveLength(0);
  });

  it("an SMTP_URL that cannot be used is logged; the approval succeeds", async () => {
    process.env.SMTP_URL = "khong-phai-url";
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const reportId = await submitted();
    await expect(approveReport(province, { reportId })).resolves.toMatchObject({ status: "APPROVED" });
    await noticeMailsSettled();
    expect(logged).toHaveBeenCalled();
    expect(smtp.received).toHaveLength(0);
  });

  it("without SMTP_URL nothing is sent", async () => {
    delete process.env.SMTP_URL;
    const reportId = await submitted();
    await approveReport(province, { reportId });
    await noticeMailsSettled();
    expect(smtp.received).toHaveLength(0);
  });
});
