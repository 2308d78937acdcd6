/**
 * More of the domain's refusals in the catalogues (issue 27 item 6): the staff list's line-by-line problems, the
 * export's parameter messages and the Index 766 points' messages. Each is a rule and its figures (lib/domain/wording.ts),
 * said with `dataErrors.<area>.<rule>`: in Vietnamese exactly as the domain's message, in English without Vietnamese
 * outside the figures (a name, a role's label the file must use), and every rule of the area in both languages.
 */
import { describe, expect, it } from "vitest";
import vi from "@/messages/vi.json";
import en from "@/messages/en.json";
import { wordsIn } from "@/i18n/words";
import { type StaffListProblem, parseStaffList, staffListProblem } from "@/lib/domain/staff-list";
import { EXPORT_OPTION_RULES, parseExportOptions } from "@/lib/domain/export-options";
import { ENTERED_COMPONENTS, ZIndex766Entries, index766PointsWording } from "@/lib/domain/index766";
import { type Wording, schemaWording } from "@/lib/domain/wording";

// Letters only Vietnamese uses (as tests/unit/message-catalogues.test.ts).
const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

type Area = Record<string, string>;
const areaOf = (catalogue: typeof vi | typeof en, area: string) =>
  (catalogue.dataErrors as unknown as Record<string, Area | undefined>)[area] ?? {};

/** A sample: the catalogue area, the rule and its figures, and the Vietnamese message the domain made. */
type Sample = readonly [area: string, wording: Wording, message: string];

function checkArea(area: string, samples: readonly Sample[]) {
  const own = samples.filter(([a]) => a === area);
  describe(`dataErrors.${area}`, () => {
    it("has every rule in both languages, and a sample of each", () => {
      const rules = Object.keys(areaOf(vi, area)).sort();
      expect(rules.length).toBeGreaterThan(0);
      expect(Object.keys(areaOf(en, area)).sort()).toEqual(rules);
      expect([...new Set(own.map(([, w]) => w.rule))].sort()).toEqual(rules);
    });
  });
}

function checkSamples(name: string, samples: readonly Sample[]) {
  it(`${name}: said in Vietnamese as the domain says them, in English without Vietnamese`, () => {
    for (const [area, wording, message] of samples) {
      const key = `dataErrors.${area}.${wording.rule}`;
      expect(wordsIn("vi")(key, wording.values), key).toBe(message);
      // The figures (a name, a label the file must use) may be Vietnamese; the words around them may not.
      const english = Object.values(wording.values).reduce<string>(
        (t, v) => t.replaceAll(String(v), ""),
        wordsIn("en")(key, wording.values),
      );
      expect(english, key).not.toMatch(vietnamese);
    }
  });
}

const communes = [{ code: "03637", name: "Mường Kim", fullName: "Xã Mường Kim" }];
const HEADER = ["Họ và tên", "Tên đăng nhập", "Vai trò", "Xã, phường", "E-mail"];
const problemsOf = (...tables: string[][][]): StaffListProblem[] =>
  tables.flatMap((table) => parseStaffList(table, communes).problems);

const staffProblems = [
  ...problemsOf(
    [],
    [["Họ và tên", "Xã"]],
    [HEADER, ...Array.from({ length: 5001 }, (_, i) => [`Người ${i}`, "", "Cán bộ tỉnh", "", ""])],
    [HEADER, ["", "", "", "", ""]],
    [
      HEADER,
      ["", "xa-f", "Cán bộ tỉnh", "", ""],
      ["Nguyễn Văn ".repeat(12), "", "Cán bộ tỉnh", "", ""],
      ["Cán bộ B", "xa-b", "Trưởng thôn", "03637", ""],
      ["Cán bộ A", "xa-a", "Cán bộ xã, phường", "99999", ""],
      ["Cán bộ E", "", "Cán bộ xã, phường", "", ""],
      ["Cán bộ G", "", "Cán bộ tỉnh", "03637", ""],
      ["Cán bộ H", "Lò Văn H", "Cán bộ tỉnh", "", ""],
      ["Cán bộ C", "xa-c", "Cán bộ xã, phường", "03637", ""],
      ["Cán bộ D", "XA-C", "Cán bộ xã, phường", "03637", ""],
      ["Cán bộ I", "", "Cán bộ tỉnh", "", "không phải e-mail"],
    ],
  ),
  // The data layer's own (lib/data/staff-list.ts): an address another account holds.
  staffListProblem(2, { area: "staffListLines", rule: "emailTaken", values: { email: "a@b.vn", username: "xa-1" } }),
];

describe("the staff list's problems (lib/domain/staff-list.ts)", () => {
  const samples = staffProblems.map((p) => [p.wording.area, p.wording, p.message] as const);
  checkArea("staffListLines", samples);
  checkSamples("each row's problem", samples);

  it("keeps its Vietnamese as it was", () => {
    expect(staffProblems.map((p) => `${p.line}: ${p.message}`)).toContain(
      "4: Vai trò “Trưởng thôn” không hợp lệ (Quản trị hệ thống, Cán bộ tỉnh, Phân tích số liệu, Cán bộ xã, phường).",
    );
    expect(staffProblems.map((p) => p.message)).toContain("Danh sách có 5001 dòng, tối đa 5000 dòng.");
  });

  it("quotes in English the role labels the file must use, as they are", () => {
    const badRole = staffProblems.find((p) => p.wording.rule === "badRole")!;
    expect(wordsIn("en")(`dataErrors.staffListLines.badRole`, badRole.wording.values)).toBe(
      "The role “Trưởng thôn” is not valid: it must be one of “Quản trị hệ thống”, “Cán bộ tỉnh”, " +
        "“Phân tích số liệu” or “Cán bộ xã, phường”.",
    );
  });
});

describe("the export's parameters (lib/domain/export-options.ts)", () => {
  const now = new Date("2026-11-28T03:00:00Z");
  // One query breaking each rule (the months' window at `now`, and a range of more than 120 months ten years on).
  const queries: [Record<string, string>, Date?][] = [
    [{}],
    [{ to: "09/2025" }],
    [{ to: "2025-09", communes: "03637,03-637" }],
    [{ to: "2025-09", district: "x".repeat(201) }],
    [{ to: "2025-09", district: "Than\u0001Uyên" }],
    [{ to: "2025-09", kind: "thon" }],
    [{ to: "2025-09", format: "tall" }],
    [{ to: "2025-09", header: "en" }],
    [{ to: "2025-09", separator: "tab" }],
    [{ to: "2025-09", decimal: "point" }],
    [{ to: "2025-09", preset: "excel" }],
    [{ to: "2025-09", province: "12;DROP" }],
    [{ from: "2025-10", to: "2025-09" }],
    [{ to: "2025-09", indicators: "proc_received,nope" }],
    [{ from: "2025-01", to: "2025-09" }],
    [{ to: "2027-01" }],
    [{ from: "2025-07", to: "2035-12" }, new Date("2036-01-15T03:00:00Z")],
  ];
  const samples = queries.map(([query, at]) => {
    const parsed = parseExportOptions(query, at ?? now);
    const message = parsed.error?.issues[0]?.message ?? "(accepted)";
    const wording = schemaWording(EXPORT_OPTION_RULES, message);
    if (!wording) throw new Error(`${JSON.stringify(query)}: “${message}” names no rule`);
    return ["exportOptions", wording, message] as const;
  });
  checkArea("exportOptions", samples);
  checkSamples("each parameter's refusal", samples);

  it("names the same rules in the domain as in the catalogue", () => {
    expect(Object.keys(EXPORT_OPTION_RULES).sort()).toEqual(Object.keys(vi.dataErrors.exportOptions).sort());
  });
});

describe("the Index 766 points entered from the portal (lib/domain/index766.ts)", () => {
  const entries = [{ "1.1": "abc" }, { "1.1": "-1" }, { "1.1": "7" }, { "3.6": "10,5", "4.cthuc": "-0,5" }];
  const messages = entries.flatMap((e) => ZIndex766Entries.safeParse(e).error?.issues.map((i) => i.message) ?? []);
  const samples = messages.map((message) => {
    const wording = index766PointsWording(message);
    if (!wording) throw new Error(`“${message}” names no rule`);
    return ["index766Points", wording, message] as const;
  });
  checkArea("index766Points", samples);
  checkSamples("each component's points", samples);

  it("keeps its Vietnamese as it was, and words every entered component's rules", () => {
    expect(messages).toContain("1.1 Tỷ lệ TTHC công bố đúng hạn: tối đa 6 điểm");
    expect(messages).toContain("Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính: điểm không được âm");
    for (const c of ENTERED_COMPONENTS) {
      const refused = ZIndex766Entries.safeParse({ [c.key]: String(c.max + 1) }).error!.issues[0]!.message;
      expect(index766PointsWording(refused)?.values).toEqual({
        component: expect.stringContaining(c.name),
        max: c.max,
      });
    }
  });
});
