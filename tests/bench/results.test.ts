import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AggregatesChecksum, Contender, RunResult } from "../../bench/contenders.ts";
import {
  RESULT_PREFIX, alsoAgainstLines, formatTable, median, mismatches, outcomeLines, parseWorkerOutput, resultsFileName, summarise, writeResults, type BenchOutcome,
} from "../../bench/results.ts";

const run = (contender: string, seconds: number, peakRssMb: number, extra: Partial<RunResult> = {}): RunResult => ({
  contender,
  rowsRead: null,
  rowsLoaded: null,
  jobsTotal: null,
  rejections: null,
  seconds,
  cpuSeconds: seconds * 2,
  peakRssMb,
  vmHwmMb: peakRssMb,
  startRssMb: 150,
  ...extra,
});

const CONTENDERS: Contender[] = [
  { id: "chargeur", code: "a", label: "Chargeur", kind: "chargeur", territory: "defaut", reference: "sql" },
  { id: "count", code: "c1", label: "Comptage", kind: "duckdb-count", territory: "defaut", reference: null },
  { id: "sql", code: "c2", label: "SQL", kind: "duckdb-unpivot", territory: "defaut", reference: "count" },
];

describe("worker output", () => {
  it("takes the last prefixed line, ignoring what libraries print around it", () => {
    const r = run("sql", 1.5, 300);
    const stdout = `bruit\n${RESULT_PREFIX}{"contender":"ancien","seconds":1,"peakRssMb":1}\n${RESULT_PREFIX}${JSON.stringify(r)}\nfin\n`;
    expect(parseWorkerOutput(stdout)).toEqual(r);
  });

  it("says in French when there is no result or an incomplete one", () => {
    expect(() => parseWorkerOutput("rien\n")).toThrow("le processus de mesure n'a pas rendu de résultat");
    expect(() => parseWorkerOutput(`${RESULT_PREFIX}{"contender":"x"}\n`)).toThrow('résultat de mesure incomplet : {"contender":"x"}');
  });
});

describe("medians and ratios", () => {
  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow("médiane d'une liste vide");
  });

  it("computes each contender's ratios on the medians, against its reference of the same run", () => {
    const runs = [
      run("chargeur", 10, 400, { rowsLoaded: 18, jobsTotal: 5 }),
      run("chargeur", 14, 420, { rowsLoaded: 18, jobsTotal: 5 }),
      run("chargeur", 12, 380, { rowsLoaded: 18, jobsTotal: 5 }),
      run("count", 0.5, 250, { rowsRead: 100 }),
      run("count", 0.7, 270, { rowsRead: 100 }),
      run("count", 0.6, 260, { rowsRead: 100 }),
      run("sql", 1, 300, { rowsLoaded: 18, jobsTotal: 5 }),
      run("sql", 3, 320, { rowsLoaded: 18, jobsTotal: 5 }),
      run("sql", 2, 200, { rowsLoaded: 18, jobsTotal: 5 }),
    ];
    const s = summarise(CONTENDERS, runs);
    expect(s.map((x) => [x.contender, x.repetitions, x.seconds, x.peakRssMb, x.timeRatio, x.memoryRatio])).toEqual([
      ["chargeur", 3, 12, 400, 6, 400 / 300],
      ["count", 3, 0.6, 260, null, null],
      ["sql", 3, 2, 300, 2 / 0.6, 300 / 260],
    ]);
    expect(mismatches(s)).toEqual([]);
  });

  it("reports a loader that does not load what DuckDB loads", () => {
    const s = summarise(CONTENDERS, [run("chargeur", 1, 1, { rowsLoaded: 36, jobsTotal: 5 }), run("count", 1, 1), run("sql", 1, 1, { rowsLoaded: 18, jobsTotal: 5 })]);
    expect(mismatches(s)).toEqual(["Chargeur : 36 lignes chargées et 5 emplois chargés, contre 18 et 5 pour SQL"]);
    // The Sirene bench compares rows read and loaded (no jobs): the same rows loaded but not the same rows read.
    const read = summarise(CONTENDERS, [run("chargeur", 1, 1, { rowsRead: 40, rowsLoaded: 18 }), run("count", 1, 1), run("sql", 1, 1, { rowsRead: 41, rowsLoaded: 18 })]);
    expect(mismatches(read, ["rowsRead", "rowsLoaded"])).toEqual(["Chargeur : 40 lignes lues et 18 lignes chargées, contre 41 et 18 pour SQL"]);
    expect(mismatches(read)).toEqual([]);
  });

  // The loader against the plain DuckDB doing its whole work (c4), and also against the one loading the territory only (c2).
  const WITH_AGGREGATES: Contender[] = [
    { id: "chargeur", code: "a", label: "Chargeur", kind: "chargeur", territory: "defaut", reference: "tout", alsoAgainst: "sql" },
    { id: "count", code: "c1", label: "Comptage", kind: "duckdb-count", territory: "defaut", reference: null },
    { id: "sql", code: "c2", label: "SQL", kind: "duckdb-unpivot", territory: "defaut", reference: "count" },
    { id: "tout", code: "c4", label: "SQL et agrégats", kind: "duckdb-agregats", territory: "defaut", reference: "count" },
  ];
  const checksum = (effectifs: number | null, communesVues = 30): AggregatesChecksum => ({
    niveaux: [
      { niveau: "departement", lignes: 36, etablissements: 10, effectifs, inconnusEtablissements: 0, inconnusEffectifs: 2, effectifsNuls: effectifs === null ? 36 : 0 },
      { niveau: "france", lignes: 18, etablissements: 10, effectifs: 40, inconnusEtablissements: 0, inconnusEffectifs: 2, effectifsNuls: 0 },
    ],
    communesVues,
  });

  it("computes the ratios against the reference and against the contender a line is also measured against", () => {
    const same = { rowsLoaded: 18, jobsTotal: 5 };
    const s = summarise(WITH_AGGREGATES, [
      run("chargeur", 6, 600, { ...same, aggregates: checksum(40) }),
      run("count", 1, 200),
      run("sql", 2, 300, same),
      run("tout", 3, 400, { ...same, aggregates: checksum(40) }),
    ]);
    expect(s.map((x) => [x.code, x.timeRatio, x.memoryRatio, x.alsoAgainst])).toEqual([
      ["a", 2, 1.5, { reference: "sql", timeRatio: 3, memoryRatio: 2 }],
      ["c1", null, null, null],
      ["c2", 2, 1.5, null],
      ["c4", 3, 2, null],
    ]);
    expect(mismatches(s)).toEqual([]);
    expect(alsoAgainstLines(s)).toEqual(["a / c2 (SQL) : temps × 3,00, mémoire × 2,00."]);
    expect(formatTable(s).split("\n")[2]!.split("|").map((c) => c.trim()).slice(-3)).toEqual(["× 2,00", "× 1,50", "c4"]);
  });

  it("reports aggregates that differ from the reference's, level by level, and the communes seen", () => {
    const same = { rowsLoaded: 18, jobsTotal: 5 };
    const s = summarise(WITH_AGGREGATES, [
      run("chargeur", 6, 600, { ...same, aggregates: checksum(null, 31) }),
      run("count", 1, 200),
      // c2 writes no aggregates: a is checked against it on rows and jobs only.
      run("sql", 2, 300, { rowsLoaded: 18, jobsTotal: 6 }),
      run("tout", 3, 400, { ...same, aggregates: checksum(40) }),
    ]);
    expect(mismatches(s)).toEqual([
      "Chargeur : agrégats du niveau departement : 36 lignes, 10 établissements, — emplois, 0 et 2 cellules inconnues, 36 sommes d'emplois inconnues, contre 36 lignes, 10 établissements, 40 emplois, 0 et 2 cellules inconnues, 0 sommes d'emplois inconnues pour SQL et agrégats",
      "Chargeur : 31 communes vues, contre 30 pour SQL et agrégats",
      "Chargeur : 18 lignes chargées et 5 emplois chargés, contre 18 et 6 pour SQL",
    ]);
  });

  it("prints a French table with the ratios and the reference named", () => {
    const s = summarise(CONTENDERS, [run("chargeur", 4, 600, { rowsRead: 1000, rowsLoaded: 18 }), run("count", 1, 250, { rowsRead: 1000 }), run("sql", 2, 300, { rowsLoaded: 18 })]);
    const lines = formatTable(s).split("\n");
    expect(lines[0]).toMatch(/^Concurrent +\| Lignes lues \| Lignes chargées \(long\) \| Secondes \| CPU \(s\) \| RSS max \(Mo\) \| Temps \/ réf\. \| Mémoire \/ réf\. \| Réf\.$/);
    expect(lines[2]!.split("|").map((c) => c.trim())).toEqual(["a  Chargeur", "1\u202f000", "18", "4,0", "8,0", "600", "× 2,00", "× 2,00", "c2"]);
    expect(lines[3]!.split("|").map((c) => c.trim())).toEqual(["c1 Comptage", "1\u202f000", "—", "1,0", "2,0", "250", "—", "—", "—"]);
  });

  const outcome = (differences: string[]): BenchOutcome => ({
    title: "Ingestion d'un fichier de test : 1 000 lignes",
    repetitions: 3,
    summaries: summarise(CONTENDERS, [run("chargeur", 4, 600, { rowsLoaded: 18 }), run("count", 1, 250), run("sql", 2, 300, { rowsLoaded: 18 })]),
    notes: ["Temps : partie mesurée seulement."],
    load: { before: [1.5, 1, 1], after: [2.25, 1, 1] },
    differences,
    agreement: "Vérification : mêmes lignes.",
  });

  it("prints the same block for every bench: title, medians, the table, the notes, the ratios and load, the check", () => {
    const lines = outcomeLines(outcome([]), 2);
    expect(lines.slice(0, 4)).toEqual(["", "Ingestion d'un fichier de test : 1 000 lignes", "Médiane sur 3 répétition(s) ; chaque concurrent dans un processus neuf.", ""]);
    expect(lines[4]).toBe(formatTable(outcome([]).summaries));
    expect(lines.slice(5)).toEqual([
      "",
      "Temps : partie mesurée seulement.",
      "Ratio = concurrent / référence du même run. Charge de la machine (1 min) : 1,50 avant, 2,25 après, 2 cœurs.",
      "Vérification : mêmes lignes.",
    ]);
    expect(outcomeLines(outcome(["Chargeur : écart"]), 2).slice(-2)).toEqual(["ATTENTION : le chargeur et DuckDB ne lisent ou ne chargent pas la même chose :", "  - Chargeur : écart"]);
  });

  it("records the run as JSON: the files measured, the machine, the medians and the differences", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ti-bench-results-"));
    try {
      const file = await writeResults(dir, "essai-", outcome(["écart"]), { fichier: { lignes: 1000 } }, { reglages_duckdb: ["threads=2"] });
      expect(path.basename(file)).toMatch(/^resultats-essai-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.json$/);
      const record = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      expect(Object.keys(record)).toEqual(["date", "fichier", "repetitions", "machine", "unite_memoire", "reglages_duckdb", "resultats", "ecarts"]);
      expect(record).toMatchObject({ fichier: { lignes: 1000 }, repetitions: 3, machine: { charge_avant: [1.5, 1, 1], charge_apres: [2.25, 1, 1] }, ecarts: ["écart"] });
      expect((record.resultats as { contender: string; timeRatio: number | null }[]).map((r) => [r.contender, r.timeRatio])).toEqual([["chargeur", 2], ["count", null], ["sql", 2]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the results file after the local date and time", () => {
    expect(resultsFileName(new Date(2025, 0, 9, 7, 5, 3))).toBe("resultats-2025-01-09T07-05-03.json");
  });
});
