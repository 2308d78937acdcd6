import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Same alias as tsconfig's `"@/*": ["./*"]`. A regex so that scoped packages (`@prisma/client`) are untouched.
const projectRoot = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: projectRoot }],
  },
  test: {
    // A project with no test files yet is not a failure (scripts/test-all.sh counts it as 0 passed).
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Run alone (npm run test:integration), it starts its own throwaway PostgreSQL; npm test gives it one.
          globalSetup: ["tests/integration/support/global-setup.ts"],
          // All integration files share one real database (TEST_DATABASE_URL): run the files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Process-level faults (npm run test:faults): npm start, its embedded database killed or frozen, a full disk.
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
