// The commune codes the URSSAF and Sirene loaders join in SQL (src/sources/commune-codes.ts): each resolved as
// CommuneResolver resolves a row's code.
import { expect, it } from "vitest";
import { communeCodes } from "../../src/sources/commune-codes.ts";
import { CommuneResolver } from "../../src/io/communes.ts";
import { theTerritory } from "../loaders/helpers.ts";

it("lists current, merged and arrondissement codes once, in order, each with the current commune a row of it counts for", async () => {
  const territory = await theTerritory();
  const codes = communeCodes(territory);
  const byCode = new Map(codes.map((c) => [c.code, c]));
  expect(byCode.size).toBe(codes.length);
  expect(codes.map((c) => c.code)).toEqual([...byCode.keys()].sort());
  expect(byCode.get("02691")).toEqual({ code: "02691", current: "02691", member: true, arrondissement: false, departement: "02" });
  // Fargniers, merged into Tergnier in 1974: counts for Tergnier, a member.
  expect(byCode.get("02300")).toEqual({ code: "02300", current: "02738", member: true, arrondissement: false, departement: "02" });
  expect(byCode.get("13204")).toEqual({ code: "13204", current: "13055", member: false, arrondissement: true, departement: "13" });
  expect(byCode.get("2A004")).toMatchObject({ current: "2A004", member: false, departement: "2A" });
  expect(byCode.has("02999")).toBe(false);
  // The same answer as the resolver a stream loader uses, for every code.
  const resolver = new CommuneResolver(territory);
  for (const c of codes) expect(resolver.resolve(c.code)).toMatchObject({ kind: "ok", code: c.current, member: c.member, arrondissement: c.arrondissement });
});
