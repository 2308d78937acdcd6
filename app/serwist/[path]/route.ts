/**
 * Serves the service worker built from app/sw.ts (@serwist/turbopack: built with esbuild when the app is built). The
 * precache list is every static file of the build and public/ (so /offline.html, the other pages' fallback, too).
 */
import { createSerwistRoute } from "@serwist/turbopack";

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
});
