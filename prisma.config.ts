import { defineConfig } from "prisma/config";

// The datasource URL is only read by CLI commands that talk to the database; the app and scripts
// connect through @prisma/adapter-pg (lib/data/db.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/placeholder" },
});
