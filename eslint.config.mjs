// ESLint: Next.js's own rules (core web vitals, React, hooks, accessibility, imports) with typescript-eslint's
// recommended set (through eslint-config-next/typescript); formatting is Prettier's job (eslint-config-prettier
// turns off the rules that would disagree with it).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      // Plain links on purpose: every page is server-rendered (most from the page cache) and works without script;
      // no client router, no prefetch traffic to the server on a slow connection.
      "@next/next/no-html-link-for-pages": "off",
      // `_name` marks a parameter kept for the signature's sake.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([
    ".next/**",
    "generated/**",
    "node_modules/**",
    ".data/**",
    "bench/out/**",
    "test-results/**",
    "playwright-report/**",
    "public/**",
    "next-env.d.ts",
  ]),
]);
