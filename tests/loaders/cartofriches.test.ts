// Cartofriches loader on a fixture written with every quirk seen in the real CNIG export: NA for missing values,
// dates JJ/MM/AAAA, comm_insee without its leading zero, a quoted field spanning two lines, the four statuses (and
// one that is not), site_type « inconnu », surfaces in m², WKT points (one unreadable), geomsurf polygons.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CARTOFRICHES_HEADER, cartofriches } from "../../src/sources/cartofriches/loader.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { LoadError } from "../../src/sources/types.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

const FILE = fixture("cartofriches/friches-standard.csv");
const HEADER = "site_id;site_nom;site_type;site_adresse;site_identif_date;site_actu_date;site_url;site_ademe_url;site_securite;site_occupation;site_statut;site_projet_url;site_reconv_annee;site_reconv_type;activite_libelle;activite_code;activite_fin_annee;comm_nom;comm_insee;bati_type;bati_nombre;bati_surface;bati_pollution;bati_vacance;bati_patrimoine;bati_etat;local_ancien_annee;local_recent_annee;proprio_type;proprio_personne;proprio_nom;sol_pollution_annee;sol_pollution_existe;sol_pollution_origine;sol_pollution_commentaire;sol_depollution_fiche;unite_fonciere_surface;unite_fonciere_refcad;urba_zone_type;urba_zone_lib;urba_zone_formdomi;urba_doc_type;desserte_distance;desserte_commentaire;source_nom;source_url;source_producteur;source_contact;geompoint;geomsurf";

async function loadFixture() {
  const db = await freshDb();
  const report = await cartofriches.load(FILE, { db, territory: await theTerritory() });
  return { db, report };
}

describe("Cartofriches loader", () => {
  it("recognises the CNIG header of the issue, and names a missing column of a file that has the others", async () => {
    expect(CARTOFRICHES_HEADER.join(";")).toBe(HEADER);
    expect(cartofriches.recognise(HEADER.split(";"))).toEqual({ kind: "match", variant: "standard-cnig" });
    const detection = await detectSource(FILE);
    expect([detection.loader.description.id, detection.variant]).toEqual(["cartofriches", "standard-cnig"]);

    const withoutPoint = HEADER.split(";").filter((c) => c !== "geompoint" && c !== "site_statut");
    expect(cartofriches.recognise(withoutPoint)).toEqual({ kind: "missing", missing: ["site_statut", "geompoint"] });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "friches-")), "export.csv");
    writeFileSync(file, `${withoutPoint.join(";")}\n`);
    const error = (await detectSource(file).catch((e: unknown) => e)) as LoadError;
    expect(error).toBeInstanceOf(LoadError);
    expect(error.problem).toMatchObject({ file, line: 1, column: "site_statut" });
    expect(error.problem.message).toMatch(/^colonnes obligatoires absentes « site_statut », « geompoint » \(source reconnue : Friches recensées par Cartofriches, Cerema/);
    // Other sources' headers are not taken for it.
    expect(cartofriches.recognise(["code_commune", "date", "categorie"])).toEqual({ kind: "no" });
  });

  it("loads the territory's sites, counts the others outside and rejects each bad row with its reason and line", async () => {
    const { report } = await loadFixture();
    expectCountsAddUp(report);
    // 11 records: 5 sites of the territory, Laon and Lille outside, 4 rejected.
    expect(report).toMatchObject({ source: "cartofriches", rowsRead: 11, rowsLoaded: 5, rowsOutside: 2 });
    // Line numbers follow the file as an editor shows it: the first site spans lines 2-3 (quoted multi-line comment).
    expect(report.rejections.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [9, "site_id", "02691_1234", "ligne en double (identique à la ligne 2)"],
      [10, "site_statut", "friche en cours de reconversion", "statut inconnu (attendu : friche potentielle, friche avec projet, friche sans projet, friche reconvertie)"],
      [11, "comm_insee", "NA", "code commune absent"],
      [12, "site_actu_date", "31/02/2023", "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ attendu)"],
    ]);
  });

  it("stores NA as unknown, statuses in their standard spelling, surfaces in m², WKT points as longitude/latitude", async () => {
    const { db } = await loadFixture();
    expect(
      await rows(
        db,
        `SELECT site_id, nom, code_commune, statut, type, surface_m2, longitude, latitude, CAST(date_identification AS VARCHAR) AS identifie,
                CAST(date_actualisation AS VARCHAR) AS actualise, source_nom, source_producteur FROM friches ORDER BY site_id`,
      ),
    ).toEqual([
      // Lost leading zero restored; the name with a `;` inside quotes read whole.
      { site_id: "02173_0003", nom: "Usine de verrerie", code_commune: "02173", statut: "friche potentielle", type: "friche industrielle", surface_m2: 8000.5, longitude: null, latitude: null, identifie: null, actualise: "2023-02-14", source_nom: "BASOL", source_producteur: "Cerema" },
      { site_id: "02691_1234", nom: "Ancienne sucrerie; bâtiment nord", code_commune: "02691", statut: "friche sans projet", type: "friche industrielle", surface_m2: 25000, longitude: 3.2876, latitude: 49.8465, identifie: "2019-03-12", actualise: "2023-06-05", source_nom: "Observatoire local", source_producteur: "CA du Saint-Quentinois" },
      { site_id: "02738_0007", nom: "Dépôt SNCF", code_commune: "02738", statut: "friche reconvertie", type: null, surface_m2: 12000, longitude: 3.3012, latitude: 49.6561, identifie: "2015-02-01", actualise: "2022-09-01", source_nom: "BASIAS", source_producteur: "Cerema" },
      { site_id: "80410_0002", nom: null, code_commune: "80410", statut: "friche sans projet", type: null, surface_m2: null, longitude: null, latitude: null, identifie: "2021-03-03", actualise: "2021-03-03", source_nom: null, source_producteur: "Cerema" },
      // « Friche avec projet » written with a capital; ISO identification date; surface NA = unknown, never 0.
      { site_id: "80620_0001", nom: "Flodor", code_commune: "80620", statut: "friche avec projet", type: "friche agro-industrielle", surface_m2: null, longitude: 2.9391, latitude: 49.9312, identifie: "2018-09-01", actualise: "2023-11-20", source_nom: "Appel à projets Fonds friches", source_producteur: "Cerema" },
    ]);
  });

  it("takes the newest site_actu_date of the whole file as vintage, and records the départements the file covers", async () => {
    const { db, report } = await loadFixture();
    // 15/04/2024 is the update date of the Laon site (outside the territory): the vintage is the file's.
    expect(report.vintage).toBe("2024-04-15");
    expect(report.years).toEqual([2024, 2024]);
    // 02 and 80 (the territory's), 59 (Lille); the row without commune covers nothing.
    expect(await rows(db, "SELECT departement, annee FROM friches_couverture ORDER BY departement")).toEqual([
      { departement: "02", annee: 2024 },
      { departement: "59", annee: 2024 },
      { departement: "80", annee: 2024 },
    ]);
    expect(report.notes).toEqual([
      "3 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)",
      "2 site(s) à la surface d'unité foncière non renseignée (NA ou vide) : surface inconnue, jamais comptée 0",
      "2 site(s) de type « inconnu » ou non renseigné (NA) : type inconnu",
      "1 site(s) sans position (geompoint non renseigné) : absents de la carte, présents dans la liste",
      "1 position(s) illisible(s) (geompoint n'est pas un point WKT POINT (longitude latitude) en WGS84), lignes 6 : sites chargés sans position",
      "contours des sites (geomsurf) non chargés : chaque site est placé par sa position (geompoint)",
      "millésime : date d'actualisation la plus récente du fichier, 15/04/2024 (indicateurs de l'année 2024)",
      "départements couverts par le fichier : 02, 59, 80 (une commune de ces départements sans site recensé compte 0 friche)",
    ]);
  });

  it("reads a quote escaped with a backslash inside a quoted field as a quote, without losing the rows after it", async () => {
    const db = await freshDb();
    const report = await cartofriches.load(fixture("cartofriches/guillemets-echappes.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rejections: [], vintage: "2024-01-02" });
    expect(await rows(db, "SELECT site_id, nom, statut FROM friches ORDER BY site_id")).toEqual([
      { site_id: "02691_0101", nom: 'Maison de retraite "Les Opalines"', statut: "friche sans projet" },
      { site_id: "02691_0102", nom: "Garage", statut: "friche potentielle" },
    ]);
  });

  it("a file without any readable update date has no vintage and covers no year", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "friches-")), "sans-date.csv");
    const cells = Object.fromEntries(CARTOFRICHES_HEADER.map((c) => [c, "NA"])) as Record<string, string>;
    Object.assign(cells, { site_id: "02691_1", site_nom: "Site", site_statut: "friche sans projet", comm_insee: "02691", unite_fonciere_surface: "100" });
    writeFileSync(file, `${CARTOFRICHES_HEADER.join(";")}\n${CARTOFRICHES_HEADER.map((c) => cells[c]).join(";")}\n`);
    const db = await freshDb();
    const report = await cartofriches.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: null, years: null, rowsLoaded: 1 });
    expect(await rows(db, "SELECT count(*) AS n FROM friches_couverture")).toEqual([{ n: 0 }]);
    expect(report.notes).toContain("aucune date d'actualisation (site_actu_date) lisible : millésime inconnu, aucun indicateur n'est calculé à partir de ce fichier");
  });
});
