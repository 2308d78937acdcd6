/**
 * The benchmark's calibration (issue 24): a fixed CPU workload like a dashboard's server render, timed in a fresh Node
 * process at the start and at the end of `npm run bench`. SPEC §7's absolute budgets hold on a machine where this
 * workload takes `C_ref` (bench/calibration.json, measured in a run where the budgets were met); on any other machine
 * each CPU-bound time budget is multiplied by `C / C_ref`, so that a verdict means the same on a fast or a slow, idle
 * or busy machine. Ratios to a reference measured in the same run (the trivial route, `COPY`) are not scaled.
 *
 * The workload: `react-dom/server` rendering a table of 38 × 24 numbers formatted for vi-VN and an SVG of 400 paths,
 * after a warm-up, timed in batches of 10 renders: C is the median batch's time per render. (A median of single
 * renders of ~10 ms hid a machine shared with others: most renders fit in one scheduler slice, and only the few that
 * were preempted were slow. A batch pays for the machine's load as a page render does.) `npx tsx bench/calibration.ts` prints one measurement.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";

const ROWS = 38;
const COLUMNS = 24;
const PATHS = 400;
const WARM_UP = 30;
/** Renders timed together: a batch of about 100 ms spans many scheduler slices, so it sees a busy machine's share. */
const BATCH = 10;
const BATCHES = 31;

/** Deterministic pseudo-random numbers (a linear congruential generator): the same tree in every run. */
function numbers(seed: number, count: number): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(x / 2 ** 31);
  }
  return out;
}

/** The fixed tree: a dashboard-like table and map. Number formatting is part of the work, as on a real page. */
export function calibrationTree(): ReactElement {
  const values = numbers(7, ROWS * COLUMNS);
  const format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  const rows = Array.from({ length: ROWS }, (_, r) =>
    h(
      "tr",
      { key: r },
      h("th", { scope: "row" }, `Xã số ${r + 1}`),
      ...Array.from({ length: COLUMNS }, (_, c) =>
        h("td", { key: c, className: c % 3 ? "num" : "num hot" }, format.format(values[r * COLUMNS + c]! * 12345.6)),
      ),
    ),
  );
  const table = h(
    "table",
    { className: "heat" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", null, "Đơn vị"),
        ...Array.from({ length: COLUMNS }, (_, c) => h("th", { key: c, scope: "col" }, `T${(c % 12) + 1}`)),
      ),
    ),
    h("tbody", null, ...rows),
  );
  const points = numbers(11, PATHS * 8);
  const paths = Array.from({ length: PATHS }, (_, i) => {
    const p = points.slice(i * 8, i * 8 + 8).map((v) => (v * 500).toFixed(1));
    return h(
      "path",
      {
        key: i,
        d: `M${p[0]},${p[1]}L${p[2]},${p[3]}L${p[4]},${p[5]}L${p[6]},${p[7]}Z`,
        fill: i % 2 ? "#c6dbef" : "#6baed6",
      },
      h("title", null, `Đơn vị ${i + 1}: ${format.format(points[i]! * 100)}%`),
    );
  });
  const map = h("svg", { viewBox: "0 0 500 500", role: "img", "aria-label": "Bản đồ" }, ...paths);
  return h("main", null, h("h1", null, "Tổng quan"), table, map);
}

export interface CalibrationSample {
  /** Time of one render in the median batch, ms. */
  medianMs: number;
  /** Interquartile range of the batches, relative to the median (how steady the machine was during them). */
  spread: number;
  runs: number;
}

/** Times the workload in this process (the caller should be a fresh one). */
export function timeWorkload(): CalibrationSample {
  for (let i = 0; i < WARM_UP; i++) renderToString(calibrationTree());
  const times: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const t = performance.now();
    for (let i = 0; i < BATCH; i++) renderToString(calibrationTree());
    times.push((performance.now() - t) / BATCH);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))]!;
  const medianMs = at(0.5);
  return { medianMs, spread: (at(0.75) - at(0.25)) / medianMs, runs: BATCHES * BATCH };
}

/** Fresh processes per calibration: one process's figure moved by half from one minute to the next on this machine. */
export const PROCESSES = 3;

/** The middle one of several processes' samples: C is its median, and `processes` keeps each process's. */
export function middleSample(samples: readonly CalibrationSample[]): CalibrationSample & { processes: number[] } {
  const sorted = [...samples].sort((a, b) => a.medianMs - b.medianMs);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    ...middle,
    runs: samples.reduce((n, s) => n + s.runs, 0),
    processes: samples.map((s) => s.medianMs),
  };
}

/**
 * The workload timed in `PROCESSES` fresh Node processes one after the other (no JIT state, no heap of the
 * benchmark's own); C is the middle process's median.
 */
export function measureCalibration(
  root = path.resolve(import.meta.dirname, ".."),
): CalibrationSample & { processes: number[] } {
  return middleSample(Array.from({ length: PROCESSES }, () => measureOnce(root)));
}

function measureOnce(root: string): CalibrationSample {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "bench", "calibration.ts"), "--json"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`calibration failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as CalibrationSample;
}

export interface CalibrationReference {
  /** C_ref: the workload's median on the machine of the run in `run`, ms. */
  cRefMs: number;
  measuredAt: string;
  machine: string;
  commit: string;
  note: string;
  /** The calibrations and verdicts of the run that fixed C_ref (its bench/results.md lines). */
  run: string[];
}

export function readReference(root = path.resolve(import.meta.dirname, "..")): CalibrationReference {
  return JSON.parse(readFileSync(path.join(root, "bench", "calibration.json"), "utf8")) as CalibrationReference;
}

/** Drift beyond which a run's verdicts are unreliable (the machine changed speed during it). */
export const MAX_DRIFT = 0.15;

/** How much the two calibrations of one run differ, relative to the smaller one. */
export function drift(startMs: number, endMs: number): number {
  return Math.abs(endMs - startMs) / Math.min(startMs, endMs);
}

/** The factor for CPU-bound time budgets: C / C_ref (below 1 on a machine faster than the reference's). */
export function budgetScale(cMs: number, cRefMs: number): number {
  return cMs / cRefMs;
}

/** A budget of SPEC §7 (ms) on this machine. */
export function scaledBudget(budgetMs: number, scale: number): number {
  return budgetMs * scale;
}

export interface Calibrated {
  scale: number;
  /** "≤ 60 ms × 1.42 = 85.2 ms" */
  label: (budgetMs: number) => string;
  pass: (valueMs: number, budgetMs: number) => boolean;
}

export function calibrated(scale: number): Calibrated {
  return {
    scale,
    label: (b) => (scale === 1 ? `${b} ms` : `${b} ms × ${scale.toFixed(2)} = ${scaledBudget(b, scale).toFixed(0)} ms`),
    pass: (v, b) => Number.isFinite(v) && v <= scaledBudget(b, scale),
  };
}

// `npx tsx bench/calibration.ts [--json]`: one measurement in this (fresh) process.
if (import.meta.url === `file://${process.argv[1]}`) {
  const sample = timeWorkload();
  if (process.argv.includes("--json")) console.log(JSON.stringify(sample));
  else
    console.log(
      `calibration: ${sample.medianMs.toFixed(2)} ms per render (median batch of ${BATCH}, ${sample.runs} renders), spread (IQR/median) ${(sample.spread * 100).toFixed(0)}%`,
    );
}
