/**
 * The "Báo cáo tóm tắt": Vietnamese sentences written from figures computed elsewhere (lib/data/briefing.ts).
 * Pure: no database, no clock. Every sentence adapts to the data (all or some units, up or down, no data at all),
 * so the same templates write the province's own phrasing ("100% xã, phường …") when the data says so and
 * something truthful otherwise ("37/38 xã, phường (97,4%) …"). The narrative is Vietnamese only, like the
 * province's reports; the UI around it is translated.
 */
import { type CarriedSummary, type ReportingCounts, reportingRate, roundTo } from "./aggregate";
import { coverageVi, officialPeriodVi } from "./coverage";
import {
  approximateVi,
  capitalise,
  changeVi,
  firstDayVi,
  joinVi,
  lastDayVi,
  periodPhraseVi,
  shareOfUnitsVi,
  strongestWeakest,
} from "./briefing-words";
import { formatDateVi, formatInteger, formatPercent } from "./format";
import { type PeriodRange, formatPeriodVi, REFORM_START } from "./periods";

export const SHORTAGE_FIELDS = ["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"] as const;
export type ShortageField = (typeof SHORTAGE_FIELDS)[number];

export const SHORTAGE_LABELS_VI: Record<ShortageField, string> = {
  shortage_finance: "kế toán – tài chính",
  shortage_construction: "xây dựng",
  shortage_land: "đất đai",
  shortage_it: "công nghệ thông tin",
};

export interface BriefingCommune {
  code: string;
  fullName: string;
  onTimeRate: number | null;
  /** Resolved dossiers behind the rate, shown so that "100%" of 3 dossiers is not mistaken for 100% of 3 000. */
  resolved: number | null;
  reportsExpected: number;
  reportsReceived: number;
  reportsOnTime: number;
}

/** Figures of one period that the "what changed" paragraph compares. */
export interface ComparableFigures {
  onTimeRate: number | null;
  onlineRate: number | null;
  oneStopCovered: number | null;
  staffCbcc: number | null;
  staffQuota: number | null;
  shortageTotal: number | null;
  /** Pages digitised during the period (a flow), not the running total. */
  pagesInPeriod: number | null;
  reportingRate: number | null;
  /** How many units each total rests on (lib/domain/aggregate.ts unitsBehind): totals of different units are not compared. */
  unitsBehind: Record<UnitTotal, number>;
}

type UnitTotal = "oneStopCovered" | "staffCbcc" | "shortageTotal" | "pagesInPeriod";

export interface BriefingFigures {
  range: PeriodRange;
  hasData: boolean;
  units: { total: number; xa: number; phuong: number };
  /** Units whose shop operated (latest month of the range) and units that reported the flag. */
  oneStop: { covered: number; reporting: number } | null;
  pagesCumulative: number | null;
  staffAllLevels: number | null;
  shortages: Record<ShortageField, { positions: number; communes: number } | null>;
  /** `pending`: not in yet but within the deadline (`nextDeadline`); `overdue`: missing after it. */
  reporting: ReportingCounts & {
    pending: number;
    overdue: number;
    nextDeadline: Date | null;
  };
  current: ComparableFigures;
  previous: { range: PeriodRange; figures: ComparableFigures | null };
  communes: BriefingCommune[];
  /**
   * What the totals cover (issue 28): reports received of expected and whether the flows and rates are provisional
   * (not every report in, period not locked); for stock totals, the units carried from earlier months and the units
   * with nothing in the look-back. Absent: everything is covered.
   */
  coverage?: BriefingCoverage;
}

export interface BriefingCoverage {
  received: number;
  expected: number;
  provisional: boolean;
  carried: CarriedSummary | null;
  missing: number;
}

/** " (tạm tính, 26/38 xã, phường)" after a flow or a rate of a provisional period; "" otherwise. */
export function flowNote(f: BriefingFigures): string {
  const c = f.coverage;
  return c?.provisional ? ` (tạm tính, ${coverageVi(c.received, c.expected)})` : "";
}

/** " (12 xã, phường lấy số liệu tháng 10/2026)" after a stock total with carried or missing units; "" otherwise. */
export function stockNote(f: BriefingFigures): string {
  const c = f.coverage;
  if (!c) return "";
  const parts: string[] = [];
  if (c.carried) {
    const months =
      c.carried.oldest === c.carried.newest
        ? `tháng ${formatPeriodVi(c.carried.newest)}`
        : `các tháng ${formatPeriodVi(c.carried.oldest)} – ${formatPeriodVi(c.carried.newest)}`;
    parts.push(`${formatInteger(c.carried.units)} xã, phường lấy số liệu ${months}`);
  }
  if (c.missing > 0) parts.push(`${formatInteger(c.missing)} xã, phường chưa có số liệu`);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

export interface BriefingSection {
  id: "period" | "operation" | "staffing" | "ranking" | "reporting" | "change";
  heading: string;
  sentences: string[];
}

export interface Briefing {
  title: string;
  /** The subject line (trích yếu) of the report as an official document. */
  subject: string;
  sections: BriefingSection[];
}

const ON_TIME_TARGET = 98;

function operationSentences(f: BriefingFigures): string[] {
  const out: string[] = [];
  const parts: string[] = [];
  if (f.oneStop) {
    const notReporting = f.units.total - f.oneStop.reporting;
    parts.push(
      `${shareOfUnitsVi(f.oneStop.covered, f.units.total)} ${f.oneStop.covered === f.units.total ? "trong tỉnh " : ""}vận hành bộ phận một cửa` +
        (notReporting > 0 ? ` (${formatInteger(notReporting)} đơn vị chưa báo cáo)` : stockNote(f)),
    );
  } else {
    parts.push("chưa có báo cáo về hoạt động của bộ phận một cửa");
  }
  const onTime = f.current.onTimeRate;
  if (onTime != null) {
    const rate = formatPercent(onTime);
    const versusTarget =
      roundTo(onTime, 1) >= ON_TIME_TARGET ? "" : `, thấp hơn mục tiêu ${formatPercent(ON_TIME_TARGET)}`;
    parts.push(`tỷ lệ giải quyết thủ tục hành chính đúng và trước hạn đạt ${rate}${flowNote(f)}${versusTarget}`);
  } else {
    parts.push("chưa có hồ sơ thủ tục hành chính được giải quyết trong kỳ");
  }
  out.push(`${capitalise(parts.join(", "))}.`);
  if (f.current.onlineRate != null) {
    out.push(`Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt ${formatPercent(f.current.onlineRate)}${flowNote(f)}.`);
  }
  if (f.pagesCumulative != null && f.pagesCumulative > 0) {
    const inPeriod = f.current.pagesInPeriod;
    out.push(
      `Hoạt động số hóa hồ sơ, tài liệu hành chính được đẩy mạnh, từ ngày ${firstDayVi(REFORM_START)} đến ngày ${lastDayVi(f.range.to)} đã số hóa ` +
        `${approximateVi(f.pagesCumulative)} trang tài liệu (${formatInteger(f.pagesCumulative)} trang` +
        (inPeriod != null && inPeriod !== f.pagesCumulative ? `, trong kỳ ${formatInteger(inPeriod)} trang` : "") +
        `)${flowNote(f)}.`,
    );
  } else {
    out.push("Chưa có số liệu về số hóa tài liệu.");
  }
  return out;
}

function staffingSentences(f: BriefingFigures): string[] {
  const out: string[] = [];
  const cbcc = f.current.staffCbcc;
  if (f.staffAllLevels != null && cbcc != null) {
    out.push(
      `Toàn tỉnh hiện có ${formatInteger(f.staffAllLevels)} cán bộ, công chức, viên chức, trong đó ${formatInteger(cbcc)} cán bộ, công chức công tác tại cấp xã${stockNote(f)}.`,
    );
  } else if (cbcc != null) {
    out.push(`Cấp xã hiện có ${formatInteger(cbcc)} cán bộ, công chức${stockNote(f)}.`);
  } else if (f.staffAllLevels != null) {
    out.push(
      `Toàn tỉnh hiện có ${formatInteger(f.staffAllLevels)} cán bộ, công chức, viên chức; chưa có số liệu cán bộ, công chức cấp xã.`,
    );
  }
  if (f.current.staffQuota != null) {
    out.push(
      `Biên chế cán bộ, công chức, viên chức cấp xã được giao: ${formatInteger(f.current.staffQuota)}${stockNote(f)}.`,
    );
  }
  const missing = SHORTAGE_FIELDS.flatMap((k) => {
    const s = f.shortages[k];
    return s && s.positions > 0 ? [{ k, ...s }] : [];
  }).sort((a, b) => b.positions - a.positions || SHORTAGE_FIELDS.indexOf(a.k) - SHORTAGE_FIELDS.indexOf(b.k));
  const reported = SHORTAGE_FIELDS.some((k) => f.shortages[k] != null);
  if (missing.length > 0) {
    const items = missing.map(
      (m) =>
        `${SHORTAGE_LABELS_VI[m.k]} ${formatInteger(m.positions)} vị trí (${formatInteger(m.communes)} xã, phường)`,
    );
    out.push(`Các vị trí chuyên môn còn thiếu nhiều nhất: ${joinVi(items)}${stockNote(f)}.`);
  } else if (reported) {
    out.push(
      "Các xã, phường không báo cáo thiếu vị trí chuyên môn kế toán – tài chính, xây dựng, đất đai, công nghệ thông tin.",
    );
  }
  return out;
}

function rankingSentences(f: BriefingFigures): string[] {
  const onTime = f.communes.flatMap((c) =>
    c.onTimeRate == null
      ? []
      : [
          {
            name: c.fullName,
            score: roundTo(c.onTimeRate, 1),
            label: formatPercent(c.onTimeRate) + (c.resolved != null ? ` trên ${formatInteger(c.resolved)} hồ sơ` : ""),
          },
        ],
  );
  const out = strongestWeakest(onTime, "tỷ lệ giải quyết thủ tục hành chính đúng và trước hạn");
  if (onTime.length === 0) out.push("Chưa có xã, phường nào có hồ sơ thủ tục hành chính được giải quyết trong kỳ.");
  return out;
}

function reportingSentences(f: BriefingFigures): string[] {
  const r = f.reporting;
  if (r.expected === 0) return [];
  const received = `${formatInteger(r.received)}/${formatInteger(r.expected)} báo cáo tháng (${formatPercent(reportingRate(r, false)!)})`;
  const onTime = reportingRate(r, true);
  const onTimeText = `${formatInteger(r.onTime)} báo cáo nộp đúng hạn${onTime === null ? "" : ` (${formatPercent(onTime)})`}`;
  // Months recorded from history (an import marked as received) count as received, never as on time or late.
  const out = [
    r.recorded > 0
      ? `Tỉnh đã nhận ${received} của các xã, phường, trong đó ${formatInteger(r.recorded)} báo cáo ghi nhận từ số liệu ` +
        `lịch sử; trong ${formatInteger(r.expected - r.recorded)} báo cáo phải nộp, ${onTimeText}.`
      : `Các xã, phường đã nộp ${received}, trong đó ${onTimeText}.`,
  ];
  // Before the deadline a missing report is not late: say it is still due, and when.
  if (r.pending > 0 && r.nextDeadline) {
    out.push(`${formatInteger(r.pending)} báo cáo còn trong hạn nộp (hạn ngày ${formatDateVi(r.nextDeadline)}).`);
  }
  if (r.overdue > 0) out.push(`${formatInteger(r.overdue)} báo cáo đã quá hạn mà chưa nộp.`);
  const items = f.communes
    .filter((c) => c.reportsExpected > 0)
    .map((c) => ({
      name: c.fullName,
      // On-time reports weigh most; received-late reports break ties.
      score: c.reportsOnTime * 1000 + c.reportsReceived,
      label: `nộp ${formatInteger(c.reportsReceived)}/${formatInteger(c.reportsExpected)}, đúng hạn ${formatInteger(c.reportsOnTime)}`,
    }));
  out.push(...strongestWeakest(items, "chế độ báo cáo"));
  return out;
}

function changeSentences(f: BriefingFigures): string[] {
  const prevLabel = periodPhraseVi(f.previous.range);
  const p = f.previous.figures;
  if (!p) {
    const why =
      f.previous.range.to < REFORM_START ? " (mô hình chính quyền địa phương 2 cấp vận hành từ ngày 01/07/2025)" : "";
    return [`Chưa có số liệu kỳ trước cùng độ dài, ${prevLabel}, để so sánh${why}.`];
  }
  const c = f.current;
  const items: string[] = [];
  const pair = (cur: number | null, prev: number | null, text: (change: string) => string, unit: string) => {
    if (cur != null && prev != null) items.push(text(changeVi(cur, prev, unit)));
  };
  // A total of the units that have reported so far is no change from a total of all units: said once, not compared.
  const notCompared: { key: UnitTotal; name: string }[] = [];
  const total = (key: UnitTotal, name: string, text: (change: string) => string, unit: string) => {
    if (c[key] == null || p[key] == null) return;
    if (c.unitsBehind[key] === p.unitsBehind[key]) pair(c[key], p[key], text, unit);
    else notCompared.push({ key, name });
  };
  pair(
    c.onTimeRate,
    p.onTimeRate,
    (ch) =>
      `tỷ lệ giải quyết đúng và trước hạn ${ch} (${formatPercent(p.onTimeRate!)} → ${formatPercent(c.onTimeRate!)})`,
    "%",
  );
  pair(
    c.onlineRate,
    p.onlineRate,
    (ch) => `tỷ lệ hồ sơ trực tuyến ${ch} (${formatPercent(p.onlineRate!)} → ${formatPercent(c.onlineRate!)})`,
    "%",
  );
  total(
    "oneStopCovered",
    "số xã, phường vận hành bộ phận một cửa",
    (ch) =>
      `số xã, phường vận hành bộ phận một cửa ${ch} (${formatInteger(p.oneStopCovered!)} → ${formatInteger(c.oneStopCovered!)})`,
    "",
  );
  total(
    "staffCbcc",
    "cán bộ, công chức cấp xã",
    (ch) => `cán bộ, công chức cấp xã ${ch} (${formatInteger(p.staffCbcc!)} → ${formatInteger(c.staffCbcc!)})`,
    "người",
  );
  total(
    "shortageTotal",
    "vị trí chuyên môn còn thiếu",
    (ch) =>
      `vị trí chuyên môn còn thiếu ${ch} (${formatInteger(p.shortageTotal!)} → ${formatInteger(c.shortageTotal!)})`,
    "vị trí",
  );
  total(
    "pagesInPeriod",
    "số trang số hóa trong kỳ",
    (ch) => `số trang số hóa trong kỳ ${ch} (${formatInteger(p.pagesInPeriod!)} → ${formatInteger(c.pagesInPeriod!)})`,
    "trang",
  );
  pair(
    c.reportingRate,
    p.reportingRate,
    (ch) => `tỷ lệ báo cáo đã nộp ${ch} (${formatPercent(p.reportingRate!)} → ${formatPercent(c.reportingRate!)})`,
    "%",
  );
  const out: string[] = [];
  if (items.length > 0) out.push(`So với kỳ trước cùng độ dài, ${prevLabel}: ${items.join("; ")}.`);
  if (notCompared.length > 0) {
    const { key } = notCompared[0]!;
    out.push(
      `Các số tổng (${notCompared.map((n) => n.name).join("; ")}) không so sánh với kỳ trước vì số xã, phường có số liệu khác nhau: kỳ này ${formatInteger(c.unitsBehind[key])}, kỳ trước ${formatInteger(p.unitsBehind[key])}.`,
    );
  }
  return out.length ? out : [`Kỳ trước cùng độ dài, ${prevLabel}, không có số liệu tương ứng để so sánh.`];
}

export function writeBriefing(f: BriefingFigures): Briefing {
  const title = `Báo cáo tóm tắt tình hình vận hành chính quyền địa phương 2 cấp ${officialPeriodVi(f.range)}`;
  const subject = `Tình hình vận hành chính quyền địa phương 2 cấp ${officialPeriodVi(f.range)}`;
  const c = f.coverage;
  const opening = c?.provisional
    ? `Kỳ báo cáo: ${periodPhraseVi(f.range)}; số liệu tạm tính: đã nhận ${formatInteger(c.received)}/${formatInteger(c.expected)} báo cáo của xã, phường.`
    : `Kỳ báo cáo: ${periodPhraseVi(f.range)}.`;
  const periodSection = (sentences: string[]): BriefingSection => ({ id: "period", heading: "Kỳ báo cáo", sentences });
  if (!f.hasData) {
    return {
      title,
      subject,
      sections: [periodSection([`Chưa có số liệu báo cáo của các xã, phường cho kỳ ${periodPhraseVi(f.range)}.`])],
    };
  }
  const kinds = joinVi(
    [
      f.units.xa ? `${formatInteger(f.units.xa)} xã` : "",
      f.units.phuong ? `${formatInteger(f.units.phuong)} phường` : "",
    ].filter(Boolean),
  );
  return {
    title,
    subject,
    sections: [
      periodSection([
        opening,
        `Toàn tỉnh có ${formatInteger(f.units.total)} xã, phường (${kinds}) vận hành theo mô hình chính quyền địa phương 2 cấp.`,
      ]),
      {
        id: "operation",
        heading: "Vận hành bộ phận một cửa, giải quyết thủ tục hành chính, số hóa",
        sentences: operationSentences(f),
      },
      { id: "staffing", heading: "Đội ngũ cán bộ, công chức", sentences: staffingSentences(f) },
      { id: "ranking", heading: "Xã, phường dẫn đầu và thấp nhất", sentences: rankingSentences(f) },
      { id: "reporting", heading: "Chế độ báo cáo", sentences: reportingSentences(f) },
      { id: "change", heading: "Thay đổi so với kỳ trước", sentences: changeSentences(f) },
    ],
  };
}
