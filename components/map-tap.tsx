"use client";

/**
 * A tap on a unit of the server-drawn map (components/commune-map.tsx) names it and its value below the map, where a
 * mouse's hover shows the <title>: a first tap on a touch screen selects the unit instead of leaving the page, a second
 * tap on the same unit (or the link shown) opens its page. Mouse and keyboard keep following the links at once.
 */
import { useEffect, useRef, useState } from "react";

export function MapTap(props: { openLabel: string; hint: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [selected, setSelected] = useState<{ label: string; name: string; href: string } | null>(null);
  const [listening, setListening] = useState(false);

  useEffect(() => {
    const figure = ref.current?.closest("figure");
    if (!figure) return;
    let touch = false;
    let current: HTMLAnchorElement | null = null;
    const pointerDown = (e: PointerEvent) => {
      touch = e.pointerType === "touch" || e.pointerType === "pen";
    };
    const click = (e: MouseEvent) => {
      const unit = (e.target as Element | null)?.closest<HTMLAnchorElement>("a.map-unit");
      if (!unit || !touch || unit === current) return;
      e.preventDefault();
      current?.classList.remove("map-unit-selected");
      unit.classList.add("map-unit-selected");
      current = unit;
      const label = unit.getAttribute("aria-label") ?? "";
      setSelected({ label, name: unit.dataset.name ?? label, href: unit.getAttribute("href") ?? "#" });
    };
    figure.addEventListener("pointerdown", pointerDown);
    figure.addEventListener("click", click);
    setListening(true);
    return () => {
      figure.removeEventListener("pointerdown", pointerDown);
      figure.removeEventListener("click", click);
      current?.classList.remove("map-unit-selected");
    };
  }, []);

  return (
    <p
      ref={ref}
      aria-live="polite"
      className="min-h-6 text-sm"
      data-testid="map-tap"
      data-listening={listening || undefined}
    >
      {selected ? (
        <>
          <strong data-testid="map-tap-label">{selected.label}</strong>{" "}
          <a href={selected.href} className="text-sky-800 underline">
            {props.openLabel.replace("{name}", selected.name)}
          </a>
        </>
      ) : (
        <span className="hidden text-slate-600 [@media(hover:none)]:inline">{props.hint}</span>
      )}
    </p>
  );
}
