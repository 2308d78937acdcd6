"use client";
/**
 * Where a server-drawn chart becomes interactive. recharts (about 110 KB gzipped, and a second of main-thread work on
 * a slow phone) is never on the critical path: its code is fetched when the reader reaches for a chart (pointer over
 * it, a touch, or keyboard focus: the chart is in the tab order once this script runs), after the page is interactive.
 * Until then, and without JavaScript, the static SVG beside this island is the chart; CSS hides that SVG once the live
 * chart is in (app/globals.css, .chart:has(.chart-live)). A chart reached with the keyboard passes the focus on to
 * recharts' drawing, where the arrow keys move from month to month (a line) or from commune to commune (a ranking).
 * One island for every kind of chart (components/chart-figure.tsx); the drawings are in ./charts-live.
 */
import { type ComponentType, useEffect, useRef, useState } from "react";
import type { BarChartData } from "@/lib/chart/bar";
import type { LineChartData } from "@/lib/chart/line";

/** The drawings of ./charts-live, by kind, and the data each draws. */
export interface LiveChartData {
  line: LineChartData;
  bar: BarChartData;
}
export type LiveChartKind = keyof LiveChartData;

type Live = typeof import("./charts-live");
let live: Promise<Live> | null = null;

/** The recharts module, fetched once for the whole page. */
function loadLive(): Promise<Live> {
  live ??= import("./charts-live");
  return live;
}

const INTENT_EVENTS = ["pointerenter", "touchstart", "focusin"] as const;

export function ChartIsland<K extends LiveChartKind>({ kind, data }: { kind: K; data: LiveChartData[K] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [Chart, setChart] = useState<ComponentType<{ data: LiveChartData[K] }> | null>(null);

  useEffect(() => {
    const host = ref.current?.parentElement;
    if (!host) return;
    host.tabIndex = 0;
    const load = () => {
      stop();
      loadLive().then(
        (m) => setChart(() => m.LIVE_CHARTS[kind]),
        () => undefined,
      );
    };
    const stop = () => INTENT_EVENTS.forEach((e) => host.removeEventListener(e, load));
    INTENT_EVENTS.forEach((e) => host.addEventListener(e, load, { passive: true }));
    return stop;
  }, [kind]);

  useEffect(() => {
    const host = ref.current?.parentElement;
    if (!Chart || !host) return;
    const hadFocus = document.activeElement === host;
    host.removeAttribute("tabindex");
    if (!hadFocus) return;
    // recharts draws once it has measured its box, which on a busy phone takes a while: hand the focus over when its
    // surface exists, unless the reader has moved on meanwhile (removing tabindex leaves the focus on the body).
    const givenUp = Date.now() + 5000;
    let frame = 0;
    const pass = () => {
      const surface = host.querySelector<SVGElement>(".recharts-surface[tabindex]");
      const stillHere = document.activeElement === host || document.activeElement === document.body;
      if (surface && stillHere) surface.focus();
      else if (!surface && stillHere && Date.now() < givenUp) frame = requestAnimationFrame(pass);
    };
    frame = requestAnimationFrame(pass);
    return () => cancelAnimationFrame(frame);
  }, [Chart]);

  return (
    <div ref={ref} className={Chart ? "chart-live" : "hidden"}>
      {Chart && <Chart data={data} />}
    </div>
  );
}
