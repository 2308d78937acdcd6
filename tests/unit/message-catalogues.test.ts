/**
 * The message catalogues cover the interface in both languages (issue 27 item 6): the same keys, the same
 * placeholders and tags on both sides, every message a valid ICU message; the Vietnamese catalogue says what the
 * domain's own Vietnamese words say (statuses, roles, notices, also used by e-mails and exports); and the pages that
 * moved their texts into the catalogues keep no Vietnamese text of their own.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import vi from "@/messages/vi.json";
import en from "@/messages/en.json";
import { STATUS_LABEL_VI } from "@/lib/domain/report-status";
import { ROLE_LABEL_VI } from "@/lib/domain/permissions";
import { NOTICE_KINDS, NOTICE_KIND_LABEL_VI, noticeHeadline } from "@/lib/domain/notices";
import { formatDateVi } from "@/lib/domain/format";
import { formatPeriodVi, reportDeadline } from "@/lib/domain/periods";

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
  ];
  // Letters only Vietnamese uses (ASCII-only Vietnamese words are rare in these pages' texts).
  const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;
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
