import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers stay as Node modules on the server, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-copy-streams"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
