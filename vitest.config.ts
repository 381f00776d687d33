import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Three projects, run in this order by `npm test` (groupOrder), so that they do not compete for 2 cores:
// - "unit": modules and loaders on fixtures and real files, fast (`npx vitest run --project unit`);
// - "integration": whole runs of the product as a user starts them: the ti commands on data folders, the demonstration
//   generated and computed for a sample of territories, refreshes against stand-in producer servers, the site's
//   data shared across a build's processes, the benchmarks' contenders on generated files;
// - "e2e": builds the site once, serves it on 127.0.0.1, opens its pages in Debian Chromium.
const INTEGRATION = [
  "tests/territory/all-territories.test.ts",
  "tests/cli/ti.test.ts",
  "tests/cli/territoires.test.ts",
  "tests/download/refresh.test.ts",
  "tests/download/hostile.test.ts",
  "tests/demo/cli.test.ts",
  "tests/site/cached-bundle.test.ts",
  "tests/bench/urssaf-national.test.ts",
  "tests/bench/dares-national.test.ts",
];

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
          exclude: ["tests/e2e/**", ...INTEGRATION],
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
      {
        extends: true,
        test: { name: "integration", sequence: { groupOrder: 1 }, include: INTEGRATION, globalSetup: ["tests/support/unit-setup.ts"], maxWorkers: 2, isolate: false },
      },
      { extends: true, test: { name: "e2e", sequence: { groupOrder: 2 }, include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"], fileParallelism: false } },
    ],
  },
});
