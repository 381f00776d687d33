// A build computes the evaluation of the data folder once (issue 13, item 2): the build script, Framework's
// configuration (report years) and its data loader run in separate processes; the global setup's real
// `npm run build`, started with an empty evaluation cache, counts the evaluations of all of them.
import path from "node:path";
import { expect, inject, it } from "vitest";

it("the site's build evaluates the data folder exactly once, and every report page is built from it", async () => {
  const evaluations = inject("buildEvaluations");
  expect(evaluations).toHaveLength(1);
  expect(evaluations[0]!.split("\t")[1]).toBe(path.resolve("data"));
  // The configuration read the report years from that evaluation: a page per year, 2018 to 2025.
  const res = await fetch(`${inject("siteUrl")}/rapports/2025`);
  expect(res.status).toBe(200);
  expect((await fetch(`${inject("siteUrl")}/rapports/2026`)).status).toBe(404);
});
