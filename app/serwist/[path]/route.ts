/** Serves the service worker built from app/sw.ts (@serwist/turbopack: built with esbuild when the app is built). */
import { createSerwistRoute } from "@serwist/turbopack";

const revision = process.env.NEXT_BUILD_ID ?? crypto.randomUUID();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [{ url: "/offline.html", revision }],
});
