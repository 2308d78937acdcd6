"use client";
/**
 * Where a server-drawn chart becomes interactive. recharts (about 100 KB gzipped) is never on the critical path:
 * its code is fetched once the browser is idle after the page has become interactive, and only for a chart that is
 * on screen; until then, and without JavaScript, the static SVG beside this island is the chart. CSS hides that SVG
 * once the live chart is in (app/globals.css, .chart:has(.chart-live)).
 */
import { type ComponentType, useEffect, useRef, useState } from "react";
import type { LineChartData } from "@/lib/chart/line";

type Live = typeof import("./charts-live");
let live: Promise<Live> | null = null;

/** The recharts module, fetched once for the whole page. */
function loadLive(): Promise<Live> {
  live ??= import("./charts-live");
  return live;
}

function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(run, { timeout: 4000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, 200);
  return () => window.clearTimeout(id);
}

/** Calls `onVisible` once the element is idle-time visible on screen. */
function useIdleVisible(onVisible: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let observer: IntersectionObserver | null = null;
    const cancel = whenIdle(() => {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer?.disconnect();
          onVisible();
        }
      }, { rootMargin: "200px" });
      observer.observe(element.parentElement ?? element);
    });
    return () => {
      cancel();
      observer?.disconnect();
    };
  }, [onVisible]);
  return ref;
}

export function LineChartIsland({ data }: { data: LineChartData }) {
  const [Chart, setChart] = useState<ComponentType<{ data: LineChartData }> | null>(null);
  const [load] = useState(() => () => {
    loadLive().then((m) => setChart(() => m.LiveLineChart), () => undefined);
  });
  const ref = useIdleVisible(load);
  return (
    <div ref={ref} className={Chart ? "chart-live" : "hidden"}>
      {Chart && <Chart data={data} />}
    </div>
  );
}
