// The 38 unit outlines as one SVG document, referenced by the maps (<use href="/map/units.svg?v=…#u03637">): the
// geometry crosses the network once and stays in the browser's cache, instead of riding in every page's HTML and
// RSC payload. Public: boundaries are public data. Built once (static); the URL carries a hash of the geometry.
import { laiChauSprite } from "@/lib/map/geometry";

export const dynamic = "force-static";

export function GET() {
  return new Response(laiChauSprite().svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
