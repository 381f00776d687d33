// data/territoire.json written wrong, as a territory's staff may write it: every problem of its shape (src/territory/
// config-schema.ts, zod) is listed at once, one line each, `fichier:ligne:colonne: chemin : attendu (reçu : …)`, in
// the order of the file; an unknown key is named, with the key it probably stands for. The checks that need the
// official lists (src/territory/territory.ts) come after, located the same way.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTerritory, parseTerritoryConfig, TerritoryError } from "../../src/territory/territory.ts";
import { productList } from "../../src/geography/ti-table.ts";

const THIS_YEAR = new Date().getFullYear();
const parse = (text: string) => () => parseTerritoryConfig(JSON.parse(text), "data/territoire.json", productList(), text);
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TerritoryError);
    return (e as Error).message.split("\n");
  }
  throw new Error("aucune erreur");
};

describe("data/territoire.json mal écrit", () => {
  it("lists every wrong value of a phase and an unknown key, each at its line and column, in the order of the file", () => {
    const text = `{
  "id": "haute-picardie",
  "bassins_bmo": [3204],
  "phases": [
    {
      "id": "2019-2022",
      "nom": "Saint-Quentinois – Tergnier",
      "territoire": "saint-quentinois-tergnier",
      "periode": { "debut": 2019, "fin": 2022 },
      "epci": ["200071892"]
    },
    {
      "id": "2023-2027",
      "ti": "ti-3208",
      "periode": { "debut": 2023, "fin": "2027" },
      "anee_reference": 2022,
      "axes": "priorites-2024"
    }
  ]
}
`;
    expect(message(parse(text))).toEqual([
      `data/territoire.json:3:19: bassins_bmo[0] : code de bassin BMO attendu (texte de 3 ou 4 chiffres, ex. "3204") (reçu : 3204)`,
      `data/territoire.json:15:35: phases[1].periode.fin : année de 2000 à ${THIS_YEAR + 10} attendue (nombre entier) (reçu : "2027")`,
      "data/territoire.json:16:7: phases[1].anee_reference : clé inconnue : vouliez-vous dire « annee_reference » ?",
      `data/territoire.json:17:7: phases[1].axes : "axes-2019" (Attirer, Recruter, Innover, Simplifier) ou "priorites-2023" (les quatre priorités nationales 2023-2027) attendu (reçu : "priorites-2024")`,
    ]);
  });

  it("wrong types at the top level: text for a number, a text for a list, a number for a name", () => {
    const text = `{"id": "x", "nom": 12, "epci": "200071892",
 "annee_reference": "2018"}`;
    expect(message(parse(text))).toEqual([
      "data/territoire.json:1:13: nom : nom attendu (texte non vide) (reçu : 12)",
      `data/territoire.json:1:24: epci : liste attendue (SIREN des EPCI) (reçu : "200071892")`,
      `data/territoire.json:2:2: annee_reference : année de 2000 à ${THIS_YEAR} attendue (nombre entier) (reçu : "2018")`,
    ]);
    // Not read from a text (a configuration built in code): the same problems, without line and column.
    expect(message(() => parseTerritoryConfig({ id: "x", nom: "", communes: ["2691"] }, "t.json"))).toEqual([
      `t.json : nom : nom attendu (texte non vide) (reçu : "")`,
      `t.json : communes[0] : code commune INSEE attendu (5 caractères, ex. "02691") (reçu : "2691")`,
    ]);
  });

  it("an unknown key is named: with the key it most likely stands for, or with the accepted keys", () => {
    expect(message(() => parseTerritoryConfig({ id: "x", nom: "X", epci: ["200071892"], periode_contrats: { debut: 2019, fin: 2022 } }, "t.json"))).toEqual([
      "t.json : periode_contrats : clé inconnue : vouliez-vous dire « periode_contrat » ?",
    ]);
    expect(message(() => parseTerritoryConfig({ ti: "ti-3208", Bassins_BMO: ["3204"] }, "t.json"))).toEqual(["t.json : Bassins_BMO : clé inconnue : vouliez-vous dire « bassins_bmo » ?"]);
    // Inside a period, the keys of a period: "fim" is missing "fin" and is unknown.
    expect(message(() => parseTerritoryConfig({ id: "x", nom: "X", epci: ["200071892"], periode_contrat: { debut: 2019, fim: 2022 } }, "t.json"))).toEqual([
      `t.json : periode_contrat.fin : année de 2000 à ${THIS_YEAR + 10} attendue (nombre entier)`,
      "t.json : periode_contrat.fim : clé inconnue : vouliez-vous dire « fin » ?",
    ]);
    expect(message(() => parseTerritoryConfig({ id: "x", phases: [{ id: "a", nom: "A", epci: ["200071892"], periode: { debut: 2019, fin: 2022, annee: 2018 } }] }, "t.json"))).toEqual([
      "t.json : phases[0].periode.annee : clé inconnue (clés possibles : debut, fin)",
    ]);
    expect(message(() => parseTerritoryConfig({ ti: "ti-3208", couleur: "bleu" }, "t.json"))).toEqual([
      "t.json : couleur : clé inconnue (clés possibles : id, periode_contrat, bassins_bmo, phases, nom, ti, annee_reference, axes, epci, communes)",
    ]);
  });

  it("a period ending before it starts, a list of phases that is no list, a file that is no object", () => {
    expect(message(parse(`{"id": "x", "nom": "X", "epci": ["200071892"], "periode_contrat": {"debut": 2023, "fin": 2019}}`))).toEqual([
      `data/territoire.json:1:83: periode_contrat.fin : année de fin au moins égale à « debut » attendue (reçu : 2019)`,
    ]);
    expect(message(parse(`{"phases": {"id": "2019-2022"}}`))).toEqual([`data/territoire.json:1:2: phases : liste attendue (phases du contrat) (reçu : {"id":"2019-2022"})`]);
    expect(message(parse(`{"phases": []}`))).toEqual(["data/territoire.json:1:2: phases : liste non vide de phases attendue (reçu : [])"]);
    expect(message(parse(`["ti-3208"]`))).toEqual([`data/territoire.json:1:1: objet JSON attendu (reçu : ["ti-3208"])`]);
  });

  it("the checks after the shape point at their value too: overlapping phases, a missing period, an unknown territory", () => {
    const text = `{"id": "x", "phases": [
  {"id": "a", "territoire": "a", "nom": "A", "periode": {"debut": 2019, "fin": 2023}, "epci": ["200071892"]},
  {"id": "b", "territoire": "b", "nom": "B", "periode": {"debut": 2023, "fin": 2027}, "epci": ["200071892"]}
]}`;
    expect(message(parse(text))).toEqual(["data/territoire.json:3:46: les phases « a » et « b » se chevauchent"]);
    expect(message(parse(`{"id": "x", "phases": [{"id": "a", "nom": "A", "epci": ["200071892"]}]}`))).toEqual([
      `data/territoire.json:1:24: phase « a » : « periode » est obligatoire sans « ti » (ex. {"debut": 2023, "fin": 2027})`,
    ]);
    expect(message(parse(`{"id": "x", "phases": [{"id": "a", "ti": "ti-3280"}]}`))[0]).toMatch(
      /^data\/territoire\.json:1:36: phase « a » : Territoire d'industrie inconnu : « ti-3280 » n'est pas un identifiant de la liste .* Vouliez-vous dire : ti-3208 « Haute-Picardie »/,
    );
  });

  it("loadTerritory locates the problems of the file it reads, a BOM included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ti-conf-schema-"));
    try {
      writeFileSync(join(dir, "territoire.json"), `\uFEFF{\n  "ti": "ti-3208",\n  "annee_reference": 2022.5\n}\n`);
      await expect(loadTerritory(dir)).rejects.toThrow(
        new TerritoryError(`${dir}/territoire.json:3:3: annee_reference : année de 2000 à ${THIS_YEAR} attendue (nombre entier) (reçu : 2022.5)`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("data/territoire.json qui n'est pas du JSON", () => {
  const load = async (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), "ti-conf-json-"));
    try {
      writeFileSync(join(dir, "territoire.json"), text);
      return await loadTerritory(dir).then(
        () => "chargé",
        (e: Error) => e.message.replace(dir, "DOSSIER"),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("says where and what, in French: a comma too many, a missing comma, a comment, an empty file", async () => {
    expect(await load(`{\n  "ti": "ti-3208",\n  "bassins_bmo": ["3204",],\n}\n`)).toBe("DOSSIER/territoire.json:3:26: JSON invalide : valeur attendue (virgule de trop avant « ] » ?)");
    expect(await load(`{\n  "ti": "ti-3208"\n  "nom": "Haute-Picardie"\n}\n`)).toBe("DOSSIER/territoire.json:3:3: JSON invalide : virgule attendue entre deux éléments");
    expect(await load(`{\n  // notre territoire\n  "ti": "ti-3208"\n}\n`)).toBe("DOSSIER/territoire.json:2:3: JSON invalide : commentaire : le JSON n'en admet pas");
    expect(await load("")).toBe("DOSSIER/territoire.json:1:1: JSON invalide : fichier vide, un objet JSON est attendu");
  });
});

describe("data/territoire.json avec « phases »", () => {
  it("refuses the keys of a single-phase configuration at the top level, which the phases would silently override", () => {
    const text = `{"id": "x", "annee_reference": 2018, "phases": [{"id": "a", "nom": "A", "periode": {"debut": 2019, "fin": 2022}, "epci": ["200071892"]}]}`;
    expect(message(parse(text))).toEqual(["data/territoire.json:1:13: annee_reference : clé sans effet avec « phases » : à indiquer dans chaque phase"]);
  });
});
