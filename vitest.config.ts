import { defineConfig } from "vitest/config";

// Two projects: "unit" (fast, no browser) and "e2e" (builds the site once, serves it on 127.0.0.1,
// opens its pages in Debian Chromium). `npx vitest run --project unit` runs the first alone.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: ["tests/e2e/**"] } },
      { extends: true, test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"], fileParallelism: false } },
    ],
  },
});
