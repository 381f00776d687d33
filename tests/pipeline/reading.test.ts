// Issue 16, cases 3, 6 and 11: counts beyond 2^31, out-of-range values, text decoding. Each test reproduces the
// hostile file and asserts the behaviour chosen (README « Ce que l'outil refuse »): the bad row is rejected with a
// French reason, the others are loaded, nothing crashes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { readActions } from "../../src/local/actions.ts";
import { readTargets } from "../../src/local/cibles.ts";
import { readSuivi } from "../../src/local/suivi.ts";
import type { LocalContext } from "../../src/local/context.ts";
import { loadTerritory, TerritoryError } from "../../src/territory/territory.ts";
import { parseCount, parseDecimal } from "../../src/io/values.ts";
import { reportYears } from "../../src/evaluation/report-years.ts";
import { CATALOGUE } from "../../src/indicators/index.ts";
import type { IndicatorRow } from "../../src/indicators/types.ts";
import { cleanUp, dataFolder, readDemo, scalar, validate } from "./helpers.ts";

afterAll(cleanUp);

const URSSAF = "urssaf-etablissements-effectifs-commune-ape.csv";
const DARES = "dares-defm-communes.csv";
const THIS_YEAR = new Date().getFullYear();

/** The demo DARES file cut to its header and first `n` data lines. */
function daresHead(n: number): string[] {
  return readDemo(DARES).replace(/^\uFEFF/, "").split("\n").slice(0, n + 1);
}

describe("case 3: a count of 2^31 or more", () => {
  it("parseCount refuses counts above 100 million (so none reaches INTEGER's 2^31), even 400 digits long", () => {
    const reason = "nombre invraisemblable : plus de 100 000 000 sur une seule ligne (plus que la population de la France)";
    expect(parseCount("2147483648")).toEqual({ ok: false, reason });
    expect(parseCount("3 000 000 000")).toEqual({ ok: false, reason });
    expect(parseCount("9".repeat(400))).toEqual({ ok: false, reason });
    expect(parseCount("100000000")).toEqual({ ok: true, value: 100_000_000 });
    expect(parseCount("000012")).toEqual({ ok: true, value: 12 });
  });

  it("a DARES row of 2 147 483 648 job seekers is rejected with its reason; validate does not crash, the other rows load", async () => {
    const lines = daresHead(3);
    lines[2] = lines[2]!.replace(/;\d+$/, ";2147483648");
    const data = dataFolder({ [DARES]: lines.join("\n") + "\n" });
    const folder = await loadDataFolder(data);
    try {
      const report = folder.files[0]!.report!;
      expect(report).toMatchObject({ rowsRead: 3, rowsLoaded: 2 });
      expect(report.rejections).toEqual([
        { file: `sources/${DARES}`, line: 3, column: "Nombre de demandeurs d'emploi", value: "2147483648", reason: expect.stringMatching(/^nombre invraisemblable/) },
      ]);
      expect(await scalar(folder, "SELECT count(*) FROM dares")).toBe(2);
    } finally {
      folder.close();
    }
    expect((await validate(data)).code).toBe(0);
  });

  it("an URSSAF count of 3 000 000 000 jobs: the row is rejected, the file stays usable", async () => {
    const [header, first, ...rest] = readDemo(URSSAF).split("\n");
    const cells = first!.split(";");
    const jobs2018 = header!.split(";").indexOf("effectifs_salaries_2018");
    cells[jobs2018] = "3000000000";
    const folder = await loadDataFolder(dataFolder({ [URSSAF]: [header, cells.join(";"), ...rest].join("\n") }));
    try {
      const report = folder.files[0]!.report!;
      expect(report.rejections.map((r) => [r.line, r.column, r.value])).toEqual([[2, "effectifs_salaries_2018", "3000000000"]]);
      expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsOutside + report.rejections.length);
    } finally {
      folder.close();
    }
  });
});

describe("case 6: out-of-range values", () => {
  it("parseDecimal refuses 1e400 (Infinity) and areas beyond 10^12 m²", () => {
    expect(parseDecimal("1e400")).toMatchObject({ ok: false, reason: expect.stringMatching(/^nombre invraisemblable/) });
    expect(parseDecimal("1e300")).toMatchObject({ ok: false });
    expect(parseDecimal("1" + "0".repeat(400))).toMatchObject({ ok: false });
    expect(parseDecimal("18000000000")).toEqual({ ok: true, value: 18e9 }); // Maripasoula, the largest commune
  });

  it("a Sirene creation date of 9999-12-31 is rejected; the file's years stop at a real year", async () => {
    const text = readDemo("sirene-etablissements-80.csv").split("\n");
    const header = text[0]!.split(",");
    const dateI = header.indexOf("dateCreationEtablissement");
    const row = text[1]!.split(",");
    row[dateI] = "9999-12-31";
    const folder = await loadDataFolder(dataFolder({ "sirene.csv": [text[0], row.join(","), ...text.slice(2, 20)].join("\n") + "\n" }));
    try {
      const report = folder.files[0]!.report!;
      expect(report.rejections).toEqual([
        { file: "sources/sirene.csv", line: 2, column: "dateCreationEtablissement", value: "9999-12-31", reason: `date de création dans le futur (au plus tard en ${THIS_YEAR + 1})` },
      ]);
      expect(report.years![1]).toBeLessThanOrEqual(THIS_YEAR + 1);
    } finally {
      folder.close();
    }
  });

  it("an URSSAF header naming year 9999 makes the file unusable (its years come from the header), nothing loaded", async () => {
    const text = readDemo(URSSAF).replace("effectifs_salaries_2023", "effectifs_salaries_9999").replace("nombre_d_etablissements_2023", "nombre_d_etablissements_9999");
    const data = dataFolder({ [URSSAF]: text });
    const folder = await loadDataFolder(data);
    try {
      expect(folder.files[0]!.problem?.message).toBe(
        `années invraisemblables : le fichier couvre 2011 à 9999, alors que des données ne peuvent aller que de 1900 à ${THIS_YEAR + 1} ; vérifiez l'en-tête ou la colonne des années (fichier non chargé)`,
      );
      expect(await scalar(folder, "SELECT count(*) FROM urssaf")).toBe(0);
    } finally {
      folder.close();
    }
    expect((await validate(data)).code).toBe(1);
  });

  it("report years are bounded by next year whatever a value says (no 7 982 pages)", () => {
    const row = (annee: number): IndicatorRow => ({ indicateur: "emploi_industriel", axe: "Attirer", niveau: "territoire", code_geo: "t", libelle_geo: "t", annee, valeur: 1, numerateur: 1, denominateur: null, unite: "emplois", statut: "ok" }) as IndicatorRow;
    const today = new Date("2025-06-01T12:00:00Z");
    expect(reportYears([row(2018), row(2023), row(9999)], CATALOGUE, 2018, today)).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
    expect(reportYears([row(2018), row(2026)], CATALOGUE, 2018, today).at(-1)).toBe(2026);
  });

  it("annee_reference 1800 or 9999 is refused with the accepted range", async () => {
    for (const year of [1800, 9999]) {
      const data = dataFolder({});
      writeFileSync(path.join(data, "territoire.json"), JSON.stringify({ id: "t", nom: "T", epci: ["200071892"], annee_reference: year }));
      const error = await loadTerritory(data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TerritoryError);
      // Pointed at the key in the file: {"id":"t","nom":"T","epci":["200071892"],"annee_reference":… starts at column 42.
      expect((error as Error).message).toBe(`${data}/territoire.json:1:42: annee_reference : année de 2000 à ${THIS_YEAR} attendue (nombre entier) (reçu : ${year})`);
    }
  });
});

/** A local-file context: the catalogue's indicators, the territory and one EPCI as geographies. */
const ctx: LocalContext = {
  indicators: new Map(CATALOGUE.map((d) => [d.id, { levels: d.levels, kind: d.aggregation.kind, suivi: d.source.tables.includes("local_suivi") }])),
  geographies: new Map([["territoire|t", { containers: [] }], ["epci|200071892", { containers: ["territoire|t"] }]]),
};
function local(name: string, content: string | Buffer): string {
  const dir = dataFolder({});
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
const ACTIONS_HEADER = "id,axe,titre,porteur,statut,avancement,indicateurs_lies,date_mise_a_jour,budget_prevu,date_fin_prevue";

describe("case 6: out-of-range values in the local files", () => {
  it("400-digit target and budget are refused as implausible, not loaded as Infinity", async () => {
    const big = "9".repeat(400);
    const targets = await readTargets(local("cibles.csv", `indicateur,niveau,code_geo,valeur_cible,annee_cible,type\nemploi_industriel,territoire,t,${big},2026,valeur\nemploi_industriel,epci,200071892,12,2026,valeur\n`), ctx);
    expect(targets.rejections.map((r) => [r.line, r.column, r.reason])).toEqual([[2, "valeur_cible", "nombre invraisemblable : au-delà de 1 000 milliards (10^12)"]]);
    expect(targets.targets).toHaveLength(1);
    const actions = await readActions(local("actions.csv", `${ACTIONS_HEADER}\nA1,Attirer,Titre,CA,engagée,10,,2024-01-01,${big},\n`), ctx);
    expect(actions.rejections.map((r) => [r.line, r.column, r.reason])).toEqual([[2, "budget_prevu", "montant invraisemblable : plus de 1 000 milliards d'euros"]]);
  });

  it("a 400-digit suivi.csv value is rejected with its reason (it used to be loaded, then published as missing)", async () => {
    const suivi = await readSuivi(local("suivi.csv", `indicateur,niveau,code_geo,annee,valeur,numerateur,denominateur\nentreprises_accompagnees,territoire,t,2022,${"1".repeat(400)},,\n`), ctx);
    expect(suivi.rows).toEqual([]);
    expect(suivi.rejections.map((r) => [r.line, r.column, r.reason])).toEqual([[2, "valeur", "nombre invraisemblable : au-delà de 1 000 milliards (10^12)"]]);
  });

  it("a date_mise_a_jour of 2099 is rejected: it would have made every action late", async () => {
    const actions = await readActions(local("actions.csv", `${ACTIONS_HEADER}\nA1,Attirer,Titre,CA,engagée,10,,2099-01-01,,2050-01-01\nA2,Attirer,Titre,CA,engagée,10,,2024-01-01,,2030-01-01\n`), ctx);
    expect(actions.rejections).toHaveLength(1);
    expect(actions.rejections[0]).toMatchObject({ line: 2, column: "date_mise_a_jour", reason: expect.stringMatching(/^date de mise à jour dans le futur \(après le \d{4}-\d{2}-\d{2}\)/) });
    expect(actions.referenceDate).toBe("2024-01-01");
    expect(actions.actions.map((a) => [a.id, a.en_retard])).toEqual([["A2", false]]);
  });
});

describe("case 11: text decoding", () => {
  it("mixed line endings in one file (CRLF, LF, lone CR): every row is read, at its line", async () => {
    const [header, ...rows] = daresHead(4);
    const text = `${header}\r\n${rows[0]}\n${rows[1]}\r${rows[2]}\r\n${rows[3]}\n`;
    const folder = await loadDataFolder(dataFolder({ [DARES]: text }));
    try {
      expect(folder.files[0]!.report).toMatchObject({ rowsRead: 4, rowsLoaded: 4, rejections: [] });
    } finally {
      folder.close();
    }
    const actions = await readActions(local("actions.csv", `# commentaire\r${ACTIONS_HEADER}\rA1,Attirer,T,CA,engagée,10,,2024-01-01,,\nA2,Attirer,T,CA,engagée,10,,2024-01-01,,\r\nA3,Attirer,T,CA,engagée,10,,2024-01-01,,\r`), ctx);
    expect(actions.actions.map((a) => [a.id, a.line])).toEqual([["A1", 3], ["A2", 4], ["A3", 5]]);
  });

  it("an unterminated quote in actions.csv rejects its own line only; the valid rows after it are loaded", async () => {
    const text = [
      ACTIONS_HEADER,
      'A1,Attirer,"Titre sans fin,CA,engagée,10,,2024-01-01,,',
      "A2,Attirer,Deuxième,CA,engagée,10,,2024-01-01,,",
      'A3,Attirer,"Titre, avec virgule",CA,engagée,10,,2024-01-01,"12000,50",',
      "A4,Attirer,Quatrième,CA,engagée,10,,2024-01-01,,",
    ].join("\n") + "\n";
    const actions = await readActions(local("actions.csv", text), ctx);
    expect(actions.actions.map((a) => [a.id, a.line, a.titre])).toEqual([["A2", 3, "Deuxième"], ["A3", 4, "Titre, avec virgule"], ["A4", 5, "Quatrième"]]);
    expect(actions.rejections).toEqual([
      { file: expect.any(String), line: 2, column: "", value: 'A1,Attirer,"Titre sans fin,CA,engagée,10,,2024-01-01,,', reason: expect.stringMatching(/^guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante/) },
    ]);
    expect(actions.rowsRead).toBe(4);
  });

  it("the same unterminated quote at the end of the file (no closing quote anywhere) rejects its line only", async () => {
    const text = `${ACTIONS_HEADER}\nA1,Attirer,Premier,CA,engagée,10,,2024-01-01,,\nA2,Attirer,"Sans fin,CA,engagée,10,,2024-01-01,,\nA3,Attirer,Troisième,CA,engagée,10,,2024-01-01,,\n`;
    const actions = await readActions(local("actions.csv", text), ctx);
    expect(actions.actions.map((a) => a.id)).toEqual(["A1", "A3"]);
    expect(actions.rejections.map((r) => r.line)).toEqual([3]);
  });

  it("one invalid byte in a UTF-8 file: the file stays UTF-8 (accents intact), only the row with the bad byte is rejected, and why", async () => {
    const [header, ...rows] = daresHead(3);
    // The demo rows carry accented commune names (Abbécourt): evidence for UTF-8.
    const bytes = Buffer.concat([Buffer.from(`${header}\n${rows[0]}\n`), Buffer.from(rows[1]!.replace(/;Total;/, ";T\u0000tal;")).map((b) => (b === 0 ? 0xff : b)), Buffer.from(`\n${rows[2]}\n`)]);
    const folder = await loadDataFolder(dataFolder({ [DARES]: bytes }));
    try {
      const report = folder.files[0]!.report!;
      expect(report).toMatchObject({ rowsRead: 3, rowsLoaded: 2 });
      expect(report.rejections).toMatchObject([{ line: 3, column: "Tranche d'âge", reason: "caractère illisible : octet qui n'est pas de l'UTF-8 (fichier enregistré dans un autre encodage ?)" }]);
      expect(report.notes).toContain("encodage : lu en UTF-8, mais 1 octet(s) ne sont pas de l'UTF-8 valide (première fois ligne 3) : les lignes qui en contiennent sont rejetées");
      expect(await scalar(folder, "SELECT count(*) FROM dares WHERE code_commune = '02001'")).toBe(2);
    } finally {
      folder.close();
    }
  });

  it("a Windows-1252 actions.csv (Excel's default) is read as such, every row loaded, with a note on the encoding", async () => {
    const text = `${ACTIONS_HEADER}\nA1,Attirer,Accueil des entreprises – guichet,Région,engagée,10,,2024-01-01,,\nA2,Innover,Numérique,État,réalisée,100,,2024-01-01,,\n`;
    const actions = await readActions(local("actions.csv", iconv.encode(text, "win1252")), ctx);
    expect(actions.rejections).toEqual([]);
    expect(actions.actions.map((a) => [a.titre, a.porteur, a.statut])).toEqual([
      ["Accueil des entreprises – guichet", "Région", "engagée"],
      ["Numérique", "État", "réalisée"],
    ]);
    expect(actions.notes).toEqual(["encodage : lu en Windows-1252 (le fichier n'est pas de l'UTF-8, dès la ligne 2 ; c'est l'encodage des « CSV » d'Excel sous Windows)"]);
  });

  it("a UTF-8 BOM in territoire.json is read, not « JSON invalide »", async () => {
    const data = dataFolder({});
    writeFileSync(path.join(data, "territoire.json"), "\uFEFF" + JSON.stringify({ id: "t", nom: "Saint-Quentinois – Tergnier", epci: ["200071892"] }));
    expect((await loadTerritory(data)).nom).toBe("Saint-Quentinois – Tergnier");
  });
});
