import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects: "unit" (fast, no browser) and "e2e" (builds the site once, serves it on 127.0.0.1,
// opens its pages in Debian Chromium). `npx vitest run --project unit` runs the first alone. The browser tests
// run after the unit tests (groupOrder), so that site builds and Chromium do not compete with them for 2 cores.
export default defineConfig({
  // Components importing Framework's runtime library get a stand-in outside Framework (tests/components/stdlib.ts).
  resolve: { alias: { "observablehq:stdlib": fileURLToPath(new URL("./tests/components/stdlib.ts", import.meta.url)) } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/e2e/**"],
          globalSetup: ["tests/support/unit-setup.ts"],
          // Vitest's default on 2 cores is one worker (cores - 1): a test waiting on DuckDB's threads, a child process
          // or the disk then leaves a core idle. Two workers keep both busy.
          maxWorkers: 2,
          // Test files share their worker's modules instead of importing src/, DuckDB and the COG again each (seconds
          // per file on a busy machine). Safe here: no test mocks a module or changes the working directory, and
          // spies are restored; module state is read-only caches (territory list, COG).
          isolate: false,
        },
      },
      { extends: true, test: { name: "e2e", sequence: { groupOrder: 1 }, include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"], fileParallelism: false } },
    ],
  },
});
