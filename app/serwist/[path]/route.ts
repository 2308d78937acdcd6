/**
 * Serves the service worker built from app/sw.ts (@serwist/turbopack: built with esbuild when the app is built). The
 * precache list is every static file of the build and public/ (so /offline.html, the other pages' fallback, too).
 * Built without a source map, so that only /serwist/sw.js exists.
 */
import { createSerwistRoute } from "@serwist/turbopack";

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
  // No source map: /serwist/sw.js.map would publish the worker's source (issue 29).
  esbuildOptions: { sourcemap: false },
});
