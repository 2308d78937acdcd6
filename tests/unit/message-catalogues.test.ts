/**
 * The message catalogues cover the interface in both languages (issue 27 item 6): the same keys, the same
 * placeholders and tags on both sides, every message a valid ICU message; the Vietnamese catalogue says what the
 * domain's own Vietnamese words say (statuses, roles, notices, also used by e-mails and exports); and the pages that
 * moved their texts into the catalogues keep no Vietnamese text of their own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import vi from "@/messages/vi.json";
import en from "@/messages/en.json";
import { STATUS_LABEL_VI } from "@/lib/domain/report-status";
import { ROLE_LABEL_VI } from "@/lib/domain/permissions";
import { NOTICE_KINDS, NOTICE_KIND_LABEL_VI, noticeHeadline } from "@/lib/domain/notices";
import { formatDateVi } from "@/lib/domain/format";
import { formatPeriodVi, reportDeadline } from "@/lib/domain/periods";
import { type ValidationIssue, type ValidationRule, issueWording, validateMonth } from "@/lib/domain/validation";
import { type ReadOnlyReason, readOnlyRefusalVi } from "@/lib/domain/month-editability";
import { AUDIT_ACTION_LABEL_VI } from "@/lib/domain/audit-words";
import { ACTION_MESSAGES, failureOf, inLanguage } from "@/lib/auth/action";
import { ruleRefusal } from "@/lib/data/errors";
import { ACCOUNT_RULES, TOKEN_NAME_RULES } from "@/lib/domain/accounts";
import { EMAIL_RULES, NOTICE_ID_RULES } from "@/lib/domain/notices";
import { STAFF_FILE_RULES } from "@/lib/domain/staff-list";
import { newPasswordRefusal, passwordMessageVi, passwordRefusal } from "@/lib/domain/password-policy";
import { publishMessageVi, publishRefusals, withdrawRefusals } from "@/lib/domain/publication";
import { decodeUtf8 } from "@/lib/domain/import/read-csv";
import type { SchemaRules } from "@/lib/domain/wording";
import { SYNC_STATE_TEXT } from "@/lib/offline/month-drafts";
import { SERVED_FROM_DEVICE_TEXT } from "@/lib/offline/served-from-device";
import { issueText } from "@/i18n/validation";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/**
 * The arguments ({name}, {n, plural, …}) and tags (<name>) a message uses, sorted: translations must use the same
 * ones. A plural branch (`one {…}`, `=0 {…}`) is text, not an argument.
 */
function slots(message: string): string[] {
  const names = [
    ...message.matchAll(/(?<!(?:=\d+|\b(?:zero|one|two|few|many|other))\s*)\{\s*([A-Za-z0-9_]+)\s*[,}]/g),
  ].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z0-9_]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

const viMessages = flatten(vi as Tree);
const enMessages = flatten(en as Tree);

describe("message catalogues", () => {
  it("have the same keys in both languages", () => {
    expect([...enMessages.keys()].sort()).toEqual([...viMessages.keys()].sort());
  });

  it("use the same placeholders and tags in both languages", () => {
    const differ = [...viMessages].filter(([key, text]) => {
      const other = enMessages.get(key);
      return other !== undefined && slots(other).join() !== slots(text).join();
    });
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it("are valid ICU messages, formatted with their placeholders and tags", () => {
    const broken: string[] = [];
    for (const [locale, messages, tree] of [
      ["vi", viMessages, vi],
      ["en", enMessages, en],
    ] as const) {
      const t = createTranslator({ locale, messages: tree, onError: (e) => broken.push(`${locale}: ${e.message}`) });
      for (const [key, text] of messages) {
        const values: Record<string, string | ((chunks: string) => string)> = {};
        for (const slot of slots(text)) {
          if (slot.startsWith("<")) values[slot.slice(1, -1)] = (chunks) => chunks;
          else values[slot.slice(1, -1)] = "1";
        }
        t.markup(key as never, values as never);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("the Vietnamese catalogue says what the domain says", () => {
  const t = createTranslator({ locale: "vi", messages: vi });

  it("names report statuses and roles as the domain does", () => {
    expect(vi.status).toEqual(STATUS_LABEL_VI);
    expect(vi.roles).toEqual(ROLE_LABEL_VI);
  });

  it("names notices and words their headlines as the e-mails do", () => {
    expect(vi.notices.kind).toEqual(NOTICE_KIND_LABEL_VI);
    for (const kind of NOTICE_KINDS) {
      for (const comment of [null, "Xã Mường Kim, Xã Bum Tở"]) {
        const n = { kind, communeName: "Xã Mường Kim", period: "2026-11", comment };
        const text = t(`notices.headline.${kind}`, {
          commune: n.communeName,
          month: formatPeriodVi(n.period),
          deadline: formatDateVi(reportDeadline(n.period)),
          who: comment ?? t("notices.headline.lateSome"),
        });
        expect(text).toBe(noticeHeadline(n));
      }
    }
  });
});

describe("the month form, the actions and the data layer say in Vietnamese what they said before", () => {
  const t = createTranslator({ locale: "vi", messages: vi });
  const words = (locale: "vi" | "en") => {
    const tr = createTranslator({ locale, messages: locale === "vi" ? vi : en });
    return (key: string, values: Record<string, string | number>) => tr(`validation.${key}` as never, values as never);
  };

  // One month breaking every rule at least once (each case alone, so that one rule does not hide another).
  const history = [
    { proc_received: 10, feedback_received: 100 },
    { proc_received: 10, feedback_received: 100 },
  ];
  const cases: [unknown, Parameters<typeof validateMonth>[1], boolean][] = [
    [{ proc_received: "abc" }, {}, false],
    [{ proc_received: "1,5" }, {}, false],
    [{ proc_received: -3 }, {}, false],
    [{ proc_received: 200_000_000 }, {}, false],
    [{ one_stop_operating: 2 }, {}, false],
    [{ proc_received: "1,000" }, {}, false],
    [{}, {}, true],
    [{ proc_received: 5, proc_received_online: 9 }, {}, false],
    [
      { proc_received: 2, proc_resolved_early: 10, proc_resolved_on_time: 0, proc_resolved_late: 0 },
      { previous: { proc_pending: 1 } },
      false,
    ],
    [
      {
        proc_resolved_early: 1,
        proc_resolved_on_time: 0,
        proc_resolved_late: 0,
        proc_pending: 1,
        dossiers_digitised: 50,
      },
      {},
      false,
    ],
    [{ feedback_received: 1, feedback_resolved: 4 }, {}, false],
    [{ proc_received: 1234.5 * 100, feedback_received: 1 }, { history }, false],
    [{ staff_quota: 1, staff_cadres: 5, staff_civil_servants: 0, staff_public_employees: 0 }, {}, false],
  ];
  const issues: ValidationIssue[] = cases.flatMap(([input, context, requireComplete]) => {
    const r = validateMonth(input, context, { requireComplete });
    return [...r.errors, ...r.warnings];
  });

  it("words every validation rule as lib/domain/validation does, and in English without Vietnamese", () => {
    const rules = new Set(issues.map((i) => issueWording(i)?.rule));
    const all: ValidationRule[] = Object.keys(vi.validation) as ValidationRule[];
    expect([...rules].sort()).toEqual([...all].sort());
    for (const issue of issues) expect(issueText(words("vi"), issue, "vi")).toBe(issue.message);
    // In English the form reads and validates numbers the English way (lib/domain/numbers words its part itself).
    const english = cases.flatMap(([input, context, requireComplete]) => {
      const r = validateMonth(input, context, { requireComplete, locale: "en" });
      return [...r.errors, ...r.warnings].map((i) => issueText(words("en"), i, "en"));
    });
    expect(english).toContain(
      "Procedure dossiers received (123,450) is more than 3 times the median of the previous 2 months (10)",
    );
    expect(english.filter((m) => vietnamese.test(m))).toEqual([]);
  });

  it("says the action wrapper's, the read-only month's and the offline form's messages as their modules do", () => {
    expect(vi.actionErrors).toEqual(ACTION_MESSAGES);
    for (const reason of Object.keys(vi.dataErrors.readOnly) as ReadOnlyReason[]) {
      expect(t(`dataErrors.readOnly.${reason}`, { month: "03/2026" })).toBe(readOnlyRefusalVi(reason, "2026-03"));
    }
    expect(vi.monthForm.sync).toEqual(SYNC_STATE_TEXT);
    expect(vi.monthForm.servedFromDevice).toBe(SERVED_FROM_DEVICE_TEXT);
  });

  it("names the audit log's actions as the domain does", () => {
    expect(vi.audit.actions).toEqual(
      Object.fromEntries(Object.entries(AUDIT_ACTION_LABEL_VI).map(([k, v]) => [k.replaceAll(".", "_"), v])),
    );
  });
});

// Letters only Vietnamese uses (ASCII-only Vietnamese words are rare in these pages' texts).
const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

describe("pages whose texts live in the catalogues", () => {
  // Entry, approval, import, export, administration, profile and notices (issue 27 item 6).
  const files = [
    "app/entry/page.tsx",
    "app/entry/[period]/page.tsx",
    "app/approval/page.tsx",
    "app/import/page.tsx",
    "app/import/history/page.tsx",
    "app/export/page.tsx",
    "app/admin/users/page.tsx",
    "app/admin/publication/page.tsx",
    "app/profile/page.tsx",
    "app/notices/page.tsx",
    "components/status-badge.tsx",
    // Their client components (the activation slip of account-code-form.tsx is a printed document: Vietnamese).
    "components/import-form.tsx",
    "components/export-download.tsx",
    "components/staff-list-form.tsx",
    "components/two-factor-form.tsx",
    "components/token-form.tsx",
    "components/new-password-fields.tsx",
    // The month form, the audit log, sign-in, activation and setup (issue 27 item 6, second round).
    "components/month-form.tsx",
    "components/month-status.tsx",
    "components/month-fields.tsx",
    "components/month-actions.tsx",
    "components/month-conflict.tsx",
    "app/entry/actions.ts",
    "app/audit/page.tsx",
    "app/login/page.tsx",
    "components/login-form.tsx",
    "app/activate/page.tsx",
    "app/activate/actions.ts",
    "app/setup/page.tsx",
    "app/setup/actions.ts",
    // The server actions' own messages (issue 27 item 6, third round): their results and their schemas' messages.
    "app/profile/actions.ts",
    "app/profile/two-factor-actions.ts",
    "app/admin/users/actions.ts",
    "app/admin/publication/actions.ts",
    "app/approval/actions.ts",
    "app/import/history/actions.ts",
    "app/index-766/actions.ts",
    "app/notices/actions.ts",
  ];
  const code = (file: string) =>
    readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "")
      .replace(/\{\s*\/\*[\s\S]*?\*\/\s*\}/g, "");

  it.each(files)("%s has no Vietnamese text outside comments", (file) => {
    const lines = code(file)
      .split("\n")
      .filter((line) => vietnamese.test(line));
    expect(lines).toEqual([]);
  });
});

describe("the data layer's refusals", () => {
  // A refusal made with a plain string is said in Vietnamese on the English interface too: each takes a catalogue key
  // (`{ key, values }` of `dataErrors`). A domain module's refusal comes as a rule (checked below).
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
    );
  // Also the helpers that pass their message on: staff-list.ts's refuse and text-input.ts's requiredText.
  const plain = /(?:new DataError\(\s*"[A-Z_]+",|forbidden\(|\brefuse\(|requiredText\([^,()]+,)\s*["'`]/g;

  it("take a catalogue key, not a plain string or template literal", () => {
    const found = sources("lib").flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(plain)].map((m) => `${file}:${text.slice(0, m.index).split("\n").length}`);
    });
    expect(found).toEqual([]);
  });

  it("are English in the English catalogue, as are the actions' results", () => {
    const vietnameseInEnglish = [...enMessages].filter(
      ([key, text]) => /^(dataErrors|actionResults)\./.test(key) && vietnamese.test(text),
    );
    expect(vietnameseInEnglish).toEqual([]);
  });
});

describe("the domain's refusals (passwords, accounts, e-mail addresses, publication, a file's encoding)", () => {
  // Each is a rule and its figures (lib/domain/wording.ts), said with `dataErrors.<area>.<rule>`: in Vietnamese
  // exactly as the domain's message, in English without Vietnamese.
  const context = { username: "xa-03637", names: ["Lai Châu", "Mường Kim"], isCommon: (p: string) => p === "12345678" };
  const password = [
    passwordRefusal("ngắn", context),
    passwordRefusal("a b ".repeat(33), context),
    passwordRefusal("dai\u0001hon tam ky tu", context),
    passwordRefusal("12345678", context),
    passwordRefusal("toi-la-xa-03637!", context),
    passwordRefusal("muongkim-2026-xyz", context),
    newPasswordRefusal("mot cau de nho", "mot cau khac", context),
  ].map((w) => ["password", w!, passwordMessageVi(w!)] as const);
  const schema = (area: string, rules: SchemaRules) =>
    Object.entries(rules).map(([rule, r]) => [area, { rule, values: r.values ?? {} }, r.vi] as const);
  const base = { now: new Date("2026-11-28T03:00:00Z"), published: false, awaitingApproval: 0, approved: 5 };
  const publish = [
    ...publishRefusals({ ...base, period: "2025-01" }),
    ...publishRefusals({ ...base, period: "2026-11" }),
    ...publishRefusals({ ...base, period: "2026-10", published: true, awaitingApproval: 3, approved: 0 }),
    ...withdrawRefusals({ period: "2026-13", published: false }),
    ...withdrawRefusals({ period: "2026-10", published: false }),
  ].map((w) => ["publish", w, publishMessageVi(w)] as const);
  const encoding = [
    new Uint8Array([0xff, 0xfe, 0x41, 0]),
    new Uint8Array([0x58, 0xe3, 0x20]),
    new TextEncoder().encode("ma_xa,ten\n03637,XÃ£ MÆ°á»ng Kim\n"),
  ].map((bytes) => {
    const r = decodeUtf8(bytes);
    if (r.ok || !r.wording) throw new Error("expected an encoding refusal");
    return ["utf8", r.wording, r.message] as const;
  });
  const samples = [
    ...password,
    ...schema("account", ACCOUNT_RULES),
    ...schema("email", EMAIL_RULES),
    // The actions' schemas (lib/auth/action.ts's withInput `rules`).
    ...schema("apiTokens", TOKEN_NAME_RULES),
    ...schema("staffList", STAFF_FILE_RULES),
    ...schema("notices", NOTICE_ID_RULES),
    ...publish,
    ...encoding,
  ];

  it("cover every rule of their catalogue areas", () => {
    const areas = ["password", "account", "email", "publish", "utf8"] as const;
    const dataErrors = vi.dataErrors as unknown as Record<string, Record<string, string>>;
    for (const area of areas) {
      const rules = samples.filter(([a]) => a === area).map(([, w]) => w.rule);
      expect([...new Set(rules)].sort(), area).toEqual(Object.keys(dataErrors[area]!).sort());
    }
  });

  it("are said in Vietnamese as the domain says them, and in English without Vietnamese", () => {
    for (const [area, wording, message] of samples) {
      const refusal = ruleRefusal(area, wording);
      expect(refusal.message).toBe(message);
      const failure = inLanguage(failureOf("test", refusal), "en");
      // The figures (a name, a garbled sample) may be Vietnamese; the words around them may not.
      const words = Object.values(wording.values).reduce<string>(
        (t, v) => t.replaceAll(String(v), ""),
        failure.message,
      );
      expect(words, `${area}.${wording.rule}`).not.toMatch(vietnamese);
    }
  });

  it("reach the data layer as rules: it passes on no message a domain module worded in Vietnamese", () => {
    const passedOn =
      /\b(?:passwordProblem|newPasswordProblem|usernameProblem|communeProblem|publishProblems|withdrawProblems)\(|DataError\([^)]*\.issues\[0\]/;
    const files = readdirSync("lib/data", { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    const found = files.filter((f) => passedOn.test(readFileSync(`lib/data/${f}`, "utf8")));
    expect(found).toEqual([]);
  });
});
