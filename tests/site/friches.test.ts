// The brownfield data of the pages (friches.json) and the links between the action plan and the sites, built from
// a data folder holding the loader fixture (tests/fixtures/loaders/cartofriches/friches-standard.csv) and a small plan.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataFolder, type DataFolder } from "../../src/pipeline/load-data-folder.ts";
import type { SiteContext } from "../../src/site/context.ts";
import { distinctiveWords, namesSite } from "../../src/site/friches.ts";
import { buildActionsJson } from "../../src/site/parts/actions.ts";
import { buildFrichesJson, type FrichesJson } from "../../src/site/parts/friches.ts";
import { readFricheSites } from "../../src/site/friches.ts";

const HEADER = "id,axe,titre,description,porteur,partenaires,budget_prevu,budget_engage,date_debut,date_fin_prevue,statut,avancement,indicateurs_lies,date_mise_a_jour,commentaire";
const PLAN = [
  HEADER,
  'INN-1,Innover,Reconquête de la friche industrielle Flodor,"Revitaliser l\'ancienne friche pour accueillir de nouvelles activités.",CC de la Haute Somme,,,,,,engagée,25,friches_avec_projet_pct,2024-03-01,',
  "INN-2,Innover,Dépollution du dépôt SNCF,Étude de sols sur l'emprise ferroviaire.,CA Chauny Tergnier La Fère,,,,,,à lancer,,,2024-03-01,",
  "INN-3,Innover,Reconversion de la sucrerie,Un site de la commune de Saint-Quentin,CA du Saint-Quentinois,,,,,,à lancer,,,2024-03-01,",
  "INN-4,Innover,Inventaire des friches de Tergnier,Recenser les friches de Tergnier et de Chauny.,CA Chauny Tergnier La Fère,,,,,,à lancer,,,2024-03-01,",
].join("\n");

let folder: DataFolder;
let ctx: SiteContext;
let friches: FrichesJson;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ti-friches-site-"));
  mkdirSync(path.join(dir, "sources"));
  mkdirSync(path.join(dir, "local"));
  cpSync("data/territoire.json", path.join(dir, "territoire.json"));
  cpSync("tests/fixtures/loaders/cartofriches/friches-standard.csv", path.join(dir, "sources/friches-standard.csv"));
  writeFileSync(path.join(dir, "local/actions.csv"), `${PLAN}\n`);
  folder = await loadDataFolder(dir);
  ctx = { dataDir: dir, folder } as unknown as SiteContext;
  friches = await buildFrichesJson(ctx);
});
afterAll(() => folder.close());

describe("friches.json", () => {
  it("lists the territory's sites of the newest vintage, with commune, EPCI, status, surface in ha, type and source", () => {
    expect(friches).toMatchObject({ disponible: true, annee: 2024, millesime: "2024-04-15", demonstration: false, sans_position: 2 });
    expect(friches.statuts).toEqual(["friche potentielle", "friche avec projet", "friche sans projet", "friche reconvertie"]);
    expect(friches.source.producteur).toMatch(/^Cerema/);
    // By commune name: Chauny, Ham, Péronne, Saint-Quentin, Tergnier.
    expect(friches.sites.map((s) => [s.id, s.nom, s.commune_nom, s.epci_nom, s.statut, s.surface_ha, s.type, s.source])).toEqual([
      ["02173_0003", "Usine de verrerie", "Chauny", "CA Chauny Tergnier La Fère", "friche potentielle", 0.80005, "friche industrielle", "BASOL"],
      ["80410_0002", null, "Ham", "CC de l'Est de la Somme", "friche sans projet", null, null, "Cerema"],
      ["80620_0001", "Flodor", "Péronne", "CC de la Haute Somme (Combles - Péronne - Roisel)", "friche avec projet", null, "friche agro-industrielle", "Appel à projets Fonds friches"],
      ["02691_1234", "Ancienne sucrerie; bâtiment nord", "Saint-Quentin", "CA du Saint-Quentinois", "friche sans projet", 2.5, "friche industrielle", "Observatoire local"],
      ["02738_0007", "Dépôt SNCF", "Tergnier", "CA Chauny Tergnier La Fère", "friche reconvertie", 1.2, null, "BASIAS"],
    ]);
    const flodor = friches.sites.find((s) => s.nom === "Flodor")!;
    expect([flodor.longitude, flodor.latitude, flodor.date_actualisation]).toEqual([2.9391, 49.9312, "2023-11-20"]);
  });

  it("links a site to the actions that name it, in both directions", async () => {
    expect(friches.sites.map((s) => [s.id, s.actions.map((a) => a.id)])).toEqual([
      ["02173_0003", []],
      ["80410_0002", []],
      ["80620_0001", ["INN-1"]],
      // « sucrerie » alone is not enough: « nord » is also a distinctive word of the name.
      ["02691_1234", []],
      ["02738_0007", ["INN-2"]],
    ]);
    const { sites } = await readFricheSites(folder);
    const plan = await buildActionsJson(ctx.dataDir, folder.territory, sites);
    expect(plan.actions.map((a) => [a.id, a.sites_lies])).toEqual([
      ["INN-1", [{ id: "80620_0001", nom: "Flodor", commune_nom: "Péronne" }]],
      ["INN-2", [{ id: "02738_0007", nom: "Dépôt SNCF", commune_nom: "Tergnier" }]],
      ["INN-3", []],
      ["INN-4", []],
    ]);
  });
});

describe("an action names a site", () => {
  it("by every distinctive word of its name, whole words, case and accents aside; never by generic words or its town alone", () => {
    expect(distinctiveWords({ nom: "Ancienne usine Flodor", commune_nom: "Péronne" })).toEqual(["flodor"]);
    expect(distinctiveWords({ nom: "Friche de Tergnier", commune_nom: "Tergnier" })).toEqual([]);
    expect(distinctiveWords({ nom: "Ancien site d'activités (Buire-Courcelles)", commune_nom: "Buire-Courcelles" })).toEqual([]);
    expect(distinctiveWords({ nom: "Ancien garage (Ham)", commune_nom: "Ham" })).toEqual(["garage", "ham"]); // the town counts, not alone
    expect(distinctiveWords({ nom: "Ancienne sucrerie (Saint-Quentin)", commune_nom: "Saint-Quentin" })).toEqual(["sucrerie", "saint", "quentin"]);
    expect(distinctiveWords({ nom: null, commune_nom: "Ham" })).toEqual([]);
    const action = (titre: string, description = "") => ({ titre, description });
    expect(namesSite(action("Reconquête de la friche industrielle FLODOR"), { nom: "Ancienne usine Flodor", commune_nom: "Péronne" })).toBe(true);
    expect(namesSite(action("Projet", "Le site de l'ancienne usine Flodor à Péronne"), { nom: "Flodor", commune_nom: "Péronne" })).toBe(true);
    expect(namesSite(action("Les Flodoriens"), { nom: "Flodor", commune_nom: "Péronne" })).toBe(false);
    expect(namesSite(action("Friches de Tergnier"), { nom: "Friche de Tergnier", commune_nom: "Tergnier" })).toBe(false);
    expect(namesSite(action("Dépôt sncf"), { nom: "Dépôt SNCF", commune_nom: "Tergnier" })).toBe(true);
    // « activités » is generic: the demo's « Ancien site d'activités (Chauny) » is not named by an action about activities.
    expect(namesSite(action("Flodor", "accueillir de nouvelles activités"), { nom: "Ancien site d'activités (Chauny)", commune_nom: "Chauny" })).toBe(false);
    expect(namesSite(action("Sucrerie"), { nom: "Ancienne sucrerie (Saint-Quentin)", commune_nom: "Saint-Quentin" })).toBe(false);
    expect(namesSite(action("Reconversion de la sucrerie de Saint-Quentin"), { nom: "Ancienne sucrerie (Saint-Quentin)", commune_nom: "Saint-Quentin" })).toBe(true);
  });
});
