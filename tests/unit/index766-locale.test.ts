/**
 * The 766 form reads points as the viewer's language writes them (issue 27 item 6): the page fills in "5.5" for an
 * English viewer and "5,5" for a Vietnamese one, and saving the form as shown keeps the value. The components' names,
 * groups, rules and bases are in both catalogues.
 */
import { describe, expect, it } from "vitest";
import {
  SUPPORTED_COMPONENTS,
  UNSUPPORTED_COMPONENTS,
  ZIndex766Entries,
  componentMessageKey,
  index766EntriesSchema,
} from "@/lib/domain/index766";
import en from "@/messages/en.json";
import vi from "@/messages/vi.json";

describe("the 766 form's points", () => {
  it("are read in the viewer's language", () => {
    expect(index766EntriesSchema("en").parse({ "1.1": "5.5", "3.6": "" })).toMatchObject({ "1.1": 5.5, "3.6": null });
    expect(index766EntriesSchema("vi").parse({ "1.1": "5,5" })).toMatchObject({ "1.1": 5.5 });
    expect(ZIndex766Entries.parse({ "1.1": "5,5" })).toMatchObject({ "1.1": 5.5 });
    // The other language's decimal mark is no number here: refused, never read as 55.
    expect(index766EntriesSchema("en").safeParse({ "1.1": "5,5" }).success).toBe(false);
    expect(index766EntriesSchema("vi").safeParse({ "1.1": "5.5" }).success).toBe(false);
  });
});

describe("the 766 components in the catalogues", () => {
  const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;
  it("say in Vietnamese what the domain says, and in English no Vietnamese", () => {
    const viArea = vi.index766Components as Record<string, Record<string, string>>;
    const enArea = en.index766Components as Record<string, Record<string, string>>;
    const all = [
      ...SUPPORTED_COMPONENTS.map((c) => ({
        key: c.id,
        parts: { group: c.group, name: c.name, rule: c.rule, basis: c.basis },
      })),
      ...UNSUPPORTED_COMPONENTS.map((c) => ({ key: c.key, parts: { group: c.group, name: c.name } })),
    ];
    expect(Object.keys(viArea).sort()).toEqual(all.map((c) => componentMessageKey(c.key)).sort());
    for (const c of all) {
      const k = componentMessageKey(c.key);
      expect(viArea[k]).toEqual(c.parts);
      expect(Object.keys(enArea[k]!).sort()).toEqual(Object.keys(c.parts).sort());
      for (const text of Object.values(enArea[k]!)) expect(text, `${k}: ${text}`).not.toMatch(vietnamese);
    }
  });
});
