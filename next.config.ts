import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads its request configuration (locale from a cookie, no i18n routing) from i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // Database drivers stay as Node modules on the server, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-copy-streams", "exceljs", "docx"],
  poweredByHeader: false,
  // recharts' d3 scales: only those our charts use (lib/chart/d3-scale-lean.ts says why).
  turbopack: { resolveAlias: { "victory-vendor/d3-scale": "./lib/chart/d3-scale-lean.ts" } },
  typedRoutes: false,
  experimental: {
    // Import uploads (lib/domain/import: 50 MB at most, refused there with a message): the server action body and
    // the copy of the body the proxy buffers must both hold a whole file, or it would arrive cut short.
    serverActions: { bodySizeLimit: "52mb" },
    proxyClientMaxBodySize: "52mb",
  },
};

export default withNextIntl(nextConfig);
