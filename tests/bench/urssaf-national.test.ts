import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { detectSource } from "../../src/sources/detect.ts";
import { Random } from "../../src/sources/demo/random.ts";
import { aggregatesChecksum, aggregatesSql, fillCommunes, readCsvSql, setUpAggregates, unpivotSql } from "../../bench/contenders.ts";
import { nationalHeader, rowsPerCommune, writeNationalUrssaf } from "../../src/sources/urssaf/national-generator.ts";
import { epcisOfDepartements } from "../../bench/territories.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory } from "../loaders/helpers.ts";

const require = createRequire(import.meta.url);
const dir = mkdtempSync(path.join(tmpdir(), "bench-urssaf-"));
const N = 2000;

// The header of notes/formats.md, written out here rather than taken from the generator.
const years = Array.from({ length: 18 }, (_, i) => 2006 + i);
const OFFICIAL_HEADER = [
  "region;ancienne_region;departement;zone_d_emploi;epci;commune;intitule_commune;grand_secteur_d_activite;secteur_na17;secteur_na38;secteur_na88;ape",
  "code_region;code_ancienne_region;code_departement;code_zone_d_emploi;code_epci;code_commune;code_ape",
  ...years.flatMap((y) => [`nombre_d_etablissements_${y}`, `effectifs_salaries_${y}`]),
].join(";");

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const parse = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { delimiter: ";", header: true, skipEmptyLines: true });

describe("national URSSAF generator", () => {
  const file = path.join(dir, "a.csv");
  let data: Record<string, string>[];
  beforeAll(async () => {
    const generated = await writeNationalUrssaf(file, N, "test");
    expect(generated.rows).toBe(N);
    const parsed = parse(file);
    expect(parsed.errors).toEqual([]);
    data = parsed.data;
  });

  it("writes the official header, `;`-separated, one row per commune x APE, with a final newline", () => {
    const text = readFileSync(file, "utf8");
    expect(text.slice(0, text.indexOf("\n"))).toBe(OFFICIAL_HEADER);
    expect(nationalHeader().join(";")).toBe(OFFICIAL_HEADER);
    expect(text.endsWith("\n")).toBe(true);
    expect(data).toHaveLength(N);
    expect(new Set(data.map((r) => `${r.code_commune}|${r.code_ape}`)).size).toBe(N);
  });

  it("uses real current commune codes of every part of France and APE codes without dot, labelled", () => {
    const current = new Set(
      (require("@etalab/decoupage-administratif/data/communes.json") as { code: string; type: string }[]).filter((c) => c.type === "commune-actuelle").map((c) => c.code),
    );
    for (const r of data) {
      expect(current.has(r.code_commune!)).toBe(true);
      expect(r.code_ape).toMatch(/^\d{4}[A-Z]$/);
      expect(r.ape!.startsWith(`${r.code_ape} `)).toBe(true);
      expect(r.intitule_commune!.startsWith(`${r.code_commune} `)).toBe(true);
      expect(r.code_departement).toBe(r.code_commune!.startsWith("97") ? r.code_commune!.slice(0, 3) : r.code_commune!.slice(0, 2));
    }
    expect(new Set(data.map((r) => r.code_departement)).size).toBeGreaterThan(90);
  });

  it("leaves both cells empty in a year without establishment, a few jobs cells empty beside establishments (not published), integers otherwise", () => {
    const pairs = data.flatMap((r) => years.map((y) => [r[`nombre_d_etablissements_${y}`]!, r[`effectifs_salaries_${y}`]!] as const));
    const none = pairs.filter(([e, j]) => e === "" && j === "").length;
    const unpublished = pairs.filter(([e, j]) => Number(e) > 0 && j === "").length;
    expect(none).toBeGreaterThan(0);
    expect(unpublished).toBeGreaterThan(0);
    expect(unpublished).toBeLessThan(pairs.length * 0.01);
    expect(pairs.every(([e, j]) => (e === "" && j === "") || (/^[1-9]\d*$/.test(e) && (j === "" || /^\d+$/.test(j))))).toBe(true);
  });

  it("is deterministic: same seed, same bytes; another seed, another file", async () => {
    const again = path.join(dir, "b.csv");
    const other = path.join(dir, "c.csv");
    await writeNationalUrssaf(again, N, "test");
    await writeNationalUrssaf(other, N, "autre");
    expect(sha(again)).toBe(sha(file));
    expect(sha(other)).not.toBe(sha(file));
  });

  it("is recognised by the URSSAF loader and loaded: territory rows long by year, the rest counted outside", async () => {
    const territory = await theTerritory();
    const members = data.filter((r) => territory.isMember(r.code_commune!));
    expect(members.length).toBeGreaterThan(0); // the seed puts some rows in the territory
    const detection = await detectSource(file);
    expect(detection).toMatchObject({ loader: { description: { id: "urssaf" } }, variant: "noms-de-champs" });

    const db = await freshDb();
    const report = await detection.loader.load(file, { db, territory });
    expect(report).toMatchObject({ rowsRead: N, rowsLoaded: members.length, rowsOutside: N - members.length, rejections: [], years: [2006, 2023] });
    expectCountsAddUp(report);

    // Unknown: a jobs cell empty beside an establishments count; both cells empty are 0 (no establishment).
    const pairs = members.flatMap((r) => years.map((y) => [r[`nombre_d_etablissements_${y}`]!, r[`effectifs_salaries_${y}`]!] as const));
    const [loaded] = await rows(db, "SELECT count(*) AS n, sum(effectifs) AS total, count(*) FILTER (WHERE effectifs IS NULL) AS inconnus FROM urssaf");
    expect(loaded).toEqual({
      n: members.length * 18,
      total: pairs.reduce((s, [, j]) => s + Number(j), 0),
      inconnus: pairs.filter(([e, j]) => e !== "" && j === "").length,
    });
  });

  it("gives the DuckDB baseline the same rows as the loader (UNPIVOT restricted to the territory)", async () => {
    const territory = await theTerritory();
    const viaLoader = await freshDb();
    await (await detectSource(file)).loader.load(file, { db: viaLoader, territory });
    const viaSql = await freshDb();
    await fillCommunes(viaSql, territory);
    await viaSql.run(unpivotSql(file));
    const q = "SELECT code_commune, code_ape, annee, etablissements, effectifs FROM urssaf ORDER BY ALL";
    expect(await rows(viaSql, q)).toEqual(await rows(viaLoader, q));
    expect(await rows(viaSql, `SELECT count(*) AS n FROM ${readCsvSql(file)}`)).toEqual([{ n: N }]);
  });

  it("gives the plain DuckDB contender c4 the loader's rows, aggregates of every level and communes seen", async () => {
    const territory = await theTerritory();
    const viaLoader = await freshDb();
    await (await detectSource(file)).loader.load(file, { db: viaLoader, territory });
    const viaSql = await plainDuckDb(file);
    for (const q of [
      "SELECT code_commune, code_ape, annee, etablissements, effectifs, fichier FROM urssaf ORDER BY ALL",
      "SELECT * FROM urssaf_agregats ORDER BY ALL",
      "SELECT * FROM urssaf_communes_vues ORDER BY ALL",
    ])
      expect(await rows(viaSql, q)).toEqual(await rows(viaLoader, q));
    const checksum = await aggregatesChecksum(viaSql);
    expect(checksum).toEqual(await aggregatesChecksum(viaLoader));
    expect(checksum.niveaux.map((l) => l.niveau)).toEqual(["departement", "epci", "france", "region", "territoire", "territoire_industrie"]);
    expect(checksum.communesVues).toBe(new Set(data.map((r) => r.code_commune)).size);
    // France: every row, each year, summed over the sectors; unknown jobs cells counted, never summed.
    const france = checksum.niveaux.find((l) => l.niveau === "france")!;
    const cells = data.flatMap((r) => years.map((y) => [r[`nombre_d_etablissements_${y}`]!, r[`effectifs_salaries_${y}`]!] as const));
    expect(france).toMatchObject({
      etablissements: cells.reduce((s, [e]) => s + Number(e), 0),
      effectifs: cells.reduce((s, [, j]) => s + Number(j), 0),
      inconnusEtablissements: 0,
      inconnusEffectifs: cells.filter(([e, j]) => e !== "" && j === "").length,
    });
  });
});

/** c4 run on `file` in a fresh database, its setup done as the bench does it. */
async function plainDuckDb(file: string) {
  const territory = await theTerritory();
  const db = await freshDb();
  await fillCommunes(db, territory);
  await setUpAggregates(db, territory);
  for (const sql of aggregatesSql(file)) await db.run(sql);
  return db;
}

describe("c4, plain DuckDB doing the loader's work", () => {
  // Two rows outside the territory and one inside, every year empty but 2022 and 2023 (a year without establishment).
  const cells = (figures: Record<number, [string, string]>) => years.map((y) => (figures[y] ?? ["", ""]).join(";")).join(";");
  const row = (commune: string, departement: string, ape: string, figures: Record<number, [string, string]>) =>
    `R;AR;D;;E;C;${commune} C;G;N17;;N88;${ape} A;;;${departement};;;${commune};${ape};${cells(figures)}`;
  const small = path.join(dir, "petit.csv");
  beforeAll(async () => {
    const member = (await theTerritory()).communes[0]!;
    writeFileSync(
      small,
      [
        OFFICIAL_HEADER,
        // Ain, 2023: one establishment whose jobs are not published, alone in its département and sector (CH).
        row("01001", "01", "2511Z", { 2022: ["2", "7"], 2023: ["1", ""] }),
        row("75056", "75", "4711D", { 2023: ["3", "12"] }),
        // The territory, 2023: 0 establishments beside an empty jobs cell, 0 jobs.
        row(member.code, member.departement, "2511Z", { 2023: ["0", ""] }),
      ].join("\n") + "\n",
    );
  });

  it("sums known cells by level, year and NA38 sector of the APE code, counts unknown ones, NULL when none is known", async () => {
    const db = await plainDuckDb(small);
    const territory = await theTerritory();
    const member = territory.communes[0]!;
    const q = (niveau: string, code: string, annee: number) =>
      rows(db, `SELECT secteur_na38 AS s, etablissements AS e, effectifs AS j, inconnus_etablissements AS ie, inconnus_effectifs AS ij FROM urssaf_agregats
        WHERE niveau = '${niveau}' AND code_geo = '${code}' AND annee = ${annee} ORDER BY s`);
    expect(await q("departement", "01", 2023)).toEqual([{ s: "CH", e: 1, j: null, ie: 0, ij: 1 }]);
    expect(await q("departement", "01", 2022)).toEqual([{ s: "CH", e: 2, j: 7, ie: 0, ij: 0 }]);
    // Both cells empty: no establishment, 0 and 0 (known).
    expect(await q("departement", "01", 2006)).toEqual([{ s: "CH", e: 0, j: 0, ie: 0, ij: 0 }]);
    // France, 2023: the Ain's unknown cell beside the member's 0 establishments (0 jobs, known).
    expect(await q("france", "FR", 2023)).toEqual([
      { s: "CH", e: 1, j: 0, ie: 0, ij: 1 },
      { s: "GZ", e: 3, j: 12, ie: 0, ij: 0 },
    ]);
    expect(await q("epci", member.epci, 2023)).toEqual([{ s: "CH", e: 0, j: 0, ie: 0, ij: 0 }]);
    expect(await rows(db, "SELECT code_commune, code_ape, etablissements, effectifs FROM urssaf WHERE annee = 2023")).toEqual([
      { code_commune: member.code, code_ape: "25.11Z", etablissements: 0, effectifs: 0 },
    ]);
    expect(await rows(db, "SELECT code_commune FROM urssaf_communes_vues ORDER BY 1")).toEqual(
      [{ code_commune: "01001" }, { code_commune: member.code }, { code_commune: "75056" }].sort((a, b) => a.code_commune.localeCompare(b.code_commune)),
    );
    // The loader gives the same tables.
    const viaLoader = await freshDb();
    await (await detectSource(small)).loader.load(small, { db: viaLoader, territory });
    for (const t of ["urssaf_agregats", "urssaf_communes_vues"]) expect(await rows(db, `SELECT * FROM ${t} ORDER BY ALL`)).toEqual(await rows(viaLoader, `SELECT * FROM ${t} ORDER BY ALL`));
  });
});

describe("rows per commune", () => {
  it("adds up to exactly the requested total, never more than one row per APE code", () => {
    const populations = [50, 200, 1_000, 20_000, 2_000_000, 0];
    for (const total of [1, 7, 60, 300]) {
      const counts = rowsPerCommune(populations, 60, total, new Random("t"));
      expect(counts.reduce((s, n) => s + n, 0)).toBe(total);
      expect(counts.every((n) => n >= 0 && n <= 60)).toBe(true);
    }
    // At full capacity every commune has every code.
    expect(rowsPerCommune(populations, 60, 360, new Random("t"))).toEqual([60, 60, 60, 60, 60, 60]);
  });

  it("refuses more rows than communes x APE codes, in French", () => {
    expect(() => rowsPerCommune([1, 2], 3, 7, new Random("t"))).toThrow("--lignes trop grand : au plus 6 lignes (2 communes x 3 codes APE)");
  });
});

describe("large territory", () => {
  it("takes every EPCI with a commune in the Aisne or the Somme, including the default territory's", () => {
    const sirens = epcisOfDepartements(["02", "80"]);
    expect(sirens).toHaveLength(new Set(sirens).size);
    expect(sirens).toEqual(expect.arrayContaining(["200071892", "200071785", "200070985", "200037059"]));
    expect(sirens.length).toBeGreaterThan(30);
  });
});
