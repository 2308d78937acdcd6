/**
 * The briefing as a Word document: built from the demo data with the same figures and sentences as /briefing,
 * unpacked (a .docx is a zip) and read as text.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { briefingFigures } from "@/lib/data/briefing";
import { closeDb } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { briefingDocx } from "@/lib/documents/briefing-docx";
import { scorecardsDocx } from "@/lib/documents/scorecards-docx";
import { provinceScorecards } from "@/lib/data/scorecards";
import { formatPercent } from "@/lib/domain/format";
import { writeBriefing } from "@/lib/domain/briefing";
import { resetDatabase, withClient } from "./support/db";
import { docxText } from "./support/docx";

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, new Date("2026-11-28T03:00:00Z"));
  });
});
afterAll(closeDb);

describe("briefing as .docx", () => {
  it("has the state's heading, the live narrative and its figures", async () => {
    const figures = await briefingFigures("12", { from: "2025-07", to: "2025-09" });
    const briefing = writeBriefing(figures);
    const zip = await JSZip.loadAsync(await briefingDocx(briefing, figures));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = docxText(xml);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("Lai Châu, ngày … tháng … năm …");
    expect(text).toContain("Số: …/BC-UBND");
    expect(text).toContain("gần 4 triệu");
    expect(text).toContain("98,8%");
    expect(text).toContain("13.054");
    expect(text).toContain("Nơi nhận:");
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
    // Every sentence of the page is in the document.
    for (const sentence of briefing.sections.flatMap((s) => s.sentences)) expect(text).toContain(sentence);
    // A4, margins left 30 mm, right 15 mm, top and bottom 20 mm (twips), Times New Roman.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  it("scorecards: one section per commune, each with its KPIs and rank", async () => {
    const range = { from: "2025-07", to: "2025-09" };
    const { ranked, cards } = await provinceScorecards("12", range);
    const all = await JSZip.loadAsync(await scorecardsDocx(cards, ranked, range));
    const xml = await all.file("word/document.xml")!.async("string");
    expect(xml.match(/<w:sectPr/g)).toHaveLength(38);
    const text = docxText(xml);
    // Issue 28: subjects use the official name of the period.
    for (const card of cards) expect(text).toContain(`${card.commune.fullName}, quý III năm 2025`);
    const muongKim = cards.find((c) => c.commune.code === "03637")!;
    const one = docxText(
      await (
        await JSZip.loadAsync(await scorecardsDocx([muongKim], ranked, range))
      )
        .file("word/document.xml")!
        .async("string"),
    );
    const onTime = muongKim.kpis.find((k) => k.code === "proc_on_time_rate")!;
    expect(one).toContain(
      `Tỷ lệ giải quyết TTHC đúng và trước hạn\n${formatPercent(onTime.value!)}\n${onTime.rank}/38`,
    );
    expect(one).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(one).not.toContain("Xã Bình Lư,");
  });
});
