// The demonstration files follow notes/formats.md exactly: the expected headers below are
// written from the spec, not imported from the generator, so that a drift on either side fails.
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { sha256 } from "../../src/sources/demo/manifest.ts";
import { URSSAF_FRANCE_PATH } from "../../src/sources/urssaf/demo-france.ts";
import { loadTerritory, type Territory } from "../../src/territory/territory.ts";
import { generatedDemo } from "../support/demo-evaluation.ts";
import { BOM, headerLine, range, readBmo, readCsv, readText } from "./helpers.ts";
import { sharedFile } from "../../src/io/shared-data.ts";
import { readdirSync } from "node:fs";
import { geoContains } from "d3";
import type { Feature, FeatureCollection } from "geojson";

let dir: string;
let territory: Territory;

beforeAll(async () => {
  // The generator's output for data/territoire.json, written once for the test files that read it.
  dir = await generatedDemo();
  territory = await loadTerritory("data");
}, 300_000);

const URSSAF = "sources/urssaf-etablissements-effectifs-commune-ape.csv";
const CEREMA = "sources/conso_com_2011_2023.csv";
const DARES = "sources/dares-defm-communes.csv";
const LYCEES = "sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv";
const SIRENE = ["sources/sirene-etablissements-02.csv", "sources/sirene-etablissements-80.csv"];
const FRICHES = "sources/cartofriches-friches-standard.csv";
const yy = (y: number) => String(y % 100).padStart(2, "0");
/** DARES columns, as labelled in the portal's default export. */
const D = { commune: "Code commune", date: "Date", type: "Type de données", categorie: "Catégorie", sexe: "Sexe", age: "Tranche d'âge", count: "Nombre de demandeurs d'emploi" } as const;
const PARIS = ["75056", "75101", "75102"];

describe("headers equal the spec of notes/formats.md", () => {
  test("URSSAF: fixed columns then establishments and jobs of each year 2011..2025, interleaved as the producer's, `;`, no BOM", () => {
    const expected = [
      "region;ancienne_region;departement;zone_d_emploi;epci;commune;intitule_commune;grand_secteur_d_activite;secteur_na17;secteur_na38;secteur_na88;ape;code_region;code_ancienne_region;code_departement;code_zone_d_emploi;code_epci;code_commune;code_ape",
      ...range(2011, 2025).flatMap((y) => [`nombre_d_etablissements_${y}`, `effectifs_salaries_${y}`]),
    ].join(";");
    expect(headerLine(dir, URSSAF)).toBe(expected);
  });

  test("Sirene: the 54 columns of the 2025 stock in INSEE's order, then the geolocation, `,` separator, one file per département", () => {
    for (const file of SIRENE)
      expect(headerLine(dir, file)).toBe(
        "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement,longitude,latitude,geo_score",
      );
  });

  test("Cerema, 2025 vintage's shape: `,`, identification, then each annual flow naf11art12..naf23art24 followed by its destinations, then cumulative groups", () => {
    const group = (a: number, b: number) => [`naf${yy(a)}art${yy(b)}`, ...["hab", "act", "inc", "mix", "fer", "rou"].map((d) => `art${yy(a)}${d}${yy(b)}`)];
    const columns = headerLine(dir, CEREMA).split(",");
    expect(columns.slice(0, 18)).toEqual([
      "idcom", "idcomtxt", "idreg", "idregtxt", "iddep", "iddeptxt", "epci25", "epci25txt", "scot",
      "aav2020", "libaav2020", "cateaav2020", "taav2017", "tdaav2017", "littoral", "montagne_urba", "abc", "libdens_aav",
    ]);
    const flows = range(2011, 2023).flatMap((y) => group(y, y + 1));
    expect(columns.slice(18, 18 + flows.length)).toEqual(flows);
    expect(columns.slice(18 + flows.length, 18 + flows.length + 21)).toEqual([...group(2011, 2024), ...group(2011, 2021), ...group(2021, 2024)]);
    expect(columns.slice(-2)).toEqual(["surfcom2024", "artcom1124"]);
  });

  test("DARES: the portal's label export, UTF-8 with BOM, `;`", () => {
    expect(headerLine(dir, DARES)).toBe(
      `${BOM}Date;Code région;Région;Code département;Département;Code commune;Commune;Type de données;Catégorie;Sexe;Tranche d'âge;Nombre de demandeurs d'emploi`,
    );
  });

  test("vocational schools: field names of the Opendatasoft export, UTF-8 with BOM, `;`", () => {
    expect(headerLine(dir, LYCEES)).toBe(
      `${BOM}rentree_scolaire;academie_2020_lib_l;code_departement;numero_d_etablissement;patronyme;secteur_d_enseignement_lib_l;commune_d_implantation;commune_d_implantation_lib_l;code_postal;mef_bcp_11;mef_bcp_11_lib_l;nombre_d_eleves_total;nombre_d_eleves_filles;nombre_d_eleves_garcons`,
    );
  });

  test("BMO 2015..2023: sheet BMO_<YYYY>_open_data, bassin columns named after the year, met/xmet/smet strings", async () => {
    for (const year of range(2015, 2023)) {
      const { sheets, header, rows } = await readBmo(dir, year);
      expect(sheets).toContain(`BMO_${year}_open_data`);
      expect(header).toEqual(["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG", "Dept", "NomDept", `BE${yy(year)}`, `NOMBE${yy(year)}`, "met", "xmet", "smet"]);
      for (const row of rows) {
        expect(row[0]).toBe(year);
        expect(typeof row[9]).toBe("number");
        for (const k of [5, 7, 11, 12, 13]) expect(typeof row[k]).toBe("string");
      }
    }
  });

  test("Cartofriches: the CNIG « friches » export, `;`, no BOM", () => {
    expect(headerLine(dir, FRICHES)).toBe(
      "site_id;site_nom;site_type;site_adresse;site_identif_date;site_actu_date;site_url;site_ademe_url;site_securite;site_occupation;site_statut;site_projet_url;site_reconv_annee;site_reconv_type;activite_libelle;activite_code;activite_fin_annee;comm_nom;comm_insee;bati_type;bati_nombre;bati_surface;bati_pollution;bati_vacance;bati_patrimoine;bati_etat;local_ancien_annee;local_recent_annee;proprio_type;proprio_personne;proprio_nom;sol_pollution_annee;sol_pollution_existe;sol_pollution_origine;sol_pollution_commentaire;sol_depollution_fiche;unite_fonciere_surface;unite_fonciere_refcad;urba_zone_type;urba_zone_lib;urba_zone_formdomi;urba_doc_type;desserte_distance;desserte_commentaire;source_nom;source_url;source_producteur;source_contact;geompoint;geomsurf",
    );
  });

  test("CSV files end lines with \\n only and end with a newline", () => {
    for (const file of [URSSAF, URSSAF_FRANCE_PATH, CEREMA, DARES, LYCEES, ...SIRENE, FRICHES]) {
      const text = readText(dir, file);
      expect(text.includes("\r")).toBe(false);
      expect(text.endsWith("\n")).toBe(true);
    }
  });
});

describe("contents", () => {
  test("the rest-of-France URSSAF file: every current commune outside the territory, the territory's header, no commune of the territory", () => {
    const rows = readCsv(dir, URSSAF_FRANCE_PATH, ";");
    expect(headerLine(dir, URSSAF_FRANCE_PATH)).toBe(headerLine(dir, URSSAF));
    expect(rows.some((r) => territory.isMember(r.code_commune!))).toBe(false);
    // Rows in every département URSSAF publishes (96 metropolitan and the 5 DROM): national by the 90-département rule.
    expect(new Set(rows.map((r) => r.code_departement)).size).toBe(101);
    // One row per commune x NA38 sector, the sector being the code that starts secteur_na38.
    const keys = rows.map((r) => `${r.code_commune}|${r.secteur_na38!.slice(0, 2)}`);
    expect(new Set(keys).size).toBe(rows.length);
  });

  test("every commune code belongs to the territory", () => {
    const member = (code: string) => territory.isMember(code);
    expect(readCsv(dir, URSSAF, ";").every((r) => member(r.code_commune!))).toBe(true);
    expect(readCsv(dir, CEREMA, ",").map((r) => r.idcom).sort()).toEqual(territory.communes.map((c) => c.code));
    // Besides the territory, Paris and two of its arrondissements, as the producer publishes them (outside the territory).
    const dares = readCsv(dir, DARES, ";");
    expect(new Set(dares.filter((r) => !member(r[D.commune]!)).map((r) => r[D.commune]))).toEqual(new Set(PARIS));
    for (const file of SIRENE) {
      const dep = file.slice(-6, -4);
      expect(readCsv(dir, file, ",").every((r) => member(r.codeCommuneEtablissement!) && r.codeCommuneEtablissement!.startsWith(dep))).toBe(true);
    }
  });

  test("school communes are INSEE codes of territory communes, with their upper-case name and 3-character département", () => {
    const rows = readCsv(dir, LYCEES, ";");
    // Upper case without accents, as the Ministry writes it: Péronne -> PERONNE; départements as 002, 080.
    const upper = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
    const communes = new Map(territory.communes.map((c) => [c.code, `${upper(c.nom)}|${c.departement.padStart(3, "0")}`]));
    expect(rows.some((r) => r.commune_d_implantation === "02691" && r.commune_d_implantation_lib_l === "SAINT-QUENTIN" && r.code_postal === "02100")).toBe(true);
    for (const r of rows) expect(communes.get(r.commune_d_implantation!)).toBe(`${r.commune_d_implantation_lib_l}|${r.code_departement}`);
    const uais = new Set(rows.map((r) => r.numero_d_etablissement));
    expect(uais.size).toBeGreaterThanOrEqual(6);
    expect(uais.size).toBeLessThanOrEqual(8);
    for (const u of uais) expect(u).toMatch(/^(002|080)\d{4}[A-Z]$/);
    expect(new Set(rows.map((r) => r.rentree_scolaire))).toEqual(new Set(range(2011, 2023).map(String)));
  });

  test("secret and missing values are present in every source", async () => {
    // URSSAF: an unpublished employee count is an empty jobs cell beside a written establishments count.
    const urssaf = readCsv(dir, URSSAF, ";");
    expect(urssaf.some((r) => range(2011, 2025).some((y) => r[`effectifs_salaries_${y}`] === "" && Number(r[`nombre_d_etablissements_${y}`]) > 0))).toBe(true);
    const dares = readCsv(dir, DARES, ";");
    expect(dares.some((r) => r[D.count] === "s")).toBe(true);
    const published = dares.filter((r) => r[D.count] !== "s").map((r) => Number(r[D.count]));
    expect(published.every((v) => v >= 5 && v % 5 === 0)).toBe(true);
    const cerema = readCsv(dir, CEREMA, ",");
    expect(cerema.some((r) => range(2011, 2023).some((y) => r[`naf${yy(y)}art${yy(y + 1)}`] === ""))).toBe(true);
    expect(readCsv(dir, LYCEES, ";").some((r) => r.nombre_d_eleves_filles === "" && r.nombre_d_eleves_garcons === "")).toBe(true);
    const sirene = SIRENE.flatMap((f) => readCsv(dir, f, ","));
    expect(sirene.some((r) => r.etatAdministratifEtablissement === "F")).toBe(true);
    const bmo = await readBmo(dir, 2023);
    expect(bmo.rows.some((r) => r[11] === "*")).toBe(true);
    for (const r of bmo.rows) for (const k of [11, 12, 13]) expect(r[k] === "*" || Number(r[k]) >= 5).toBe(true);
  });

  test("Sirene speaks like INSEE's 2025 stock: NAFRev2, older nomenclatures, [ND] on P rows, NAF 2025, last treatment", () => {
    const rows = SIRENE.flatMap((f) => readCsv(dir, f, ","));
    const nomenclature = (r: Record<string, string | undefined>) => r.nomenclatureActivitePrincipaleEtablissement;
    // NAF rév. 2 as INSEE spells it, with its dotted codes; never the NAFv2 spelling of the earlier demonstration.
    expect(rows.filter((r) => nomenclature(r) === "NAFRev2").every((r) => /^\d\d\.\d\d[A-Z]$/.test(r.activitePrincipaleEtablissement!))).toBe(true);
    expect(rows.filter((r) => nomenclature(r) === "NAFRev2").length / rows.length).toBeGreaterThan(0.99);
    expect(new Set(rows.map(nomenclature))).toEqual(new Set(["NAFRev2", "NAFRev1", "NAF1993", "NAP", ""]));
    expect(rows.some((r) => nomenclature(r) === "NAFRev1" && /^\d\d\.\d[A-Z]$/.test(r.activitePrincipaleEtablissement!))).toBe(true);
    expect(rows.some((r) => nomenclature(r) === "NAP" && /^\d\d\.\d\d$/.test(r.activitePrincipaleEtablissement!))).toBe(true);
    // Older nomenclatures only on establishments closed before 2008; no activity goes with no nomenclature.
    for (const r of rows.filter((x) => nomenclature(x) !== "NAFRev2")) expect([r.etatAdministratifEtablissement, r.dateDebut! < "2008"]).toEqual(["F", true]);
    expect(rows.filter((r) => r.activitePrincipaleEtablissement === "").every((r) => nomenclature(r) === "")).toBe(true);
    // Partly non-diffusible establishments: address and signs hidden, never the fields the indicators read.
    const partly = rows.filter((r) => r.statutDiffusionEtablissement === "P");
    expect(partly.length / rows.length).toBeGreaterThan(0.01);
    expect(partly.length / rows.length).toBeLessThan(0.06);
    for (const r of partly) {
      expect([r.libelleVoieEtablissement, r.codePostalEtablissement, r.enseigne1Etablissement]).toEqual(["[ND]", "[ND]", "[ND]"]);
      expect(r.codeCommuneEtablissement).toMatch(/^\d{5}$/);
      expect(r.activitePrincipaleEtablissement).not.toBe("[ND]");
    }
    expect(rows.filter((r) => r.statutDiffusionEtablissement !== "P").every((r) => !Object.values(r).includes("[ND]"))).toBe(true);
    // NAF 2025 code on active NAF rév. 2 establishments only.
    for (const r of rows) {
      const active = r.etatAdministratifEtablissement === "A" && nomenclature(r) === "NAFRev2";
      expect(r.activitePrincipaleNAF25Etablissement!).toMatch(active ? /^\d\d\.\d\d[A-Z]$/ : /^$/);
    }
    // dateDernierTraitementEtablissement: a timestamp not before the last event, the newest in January 2024 (the stock's vintage).
    for (const r of rows) {
      expect(r.dateDernierTraitementEtablissement).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(r.dateDernierTraitementEtablissement!.slice(0, 10) >= r.dateDebut!).toBe(true);
    }
    expect(rows.map((r) => r.dateDernierTraitementEtablissement!).sort().at(-1)!.slice(0, 7)).toBe("2024-01");
  });

  test("Cartofriches: the quirks of the real export, the Flodor site in Péronne, every site said to be demonstration", () => {
    const rows = readCsv(dir, FRICHES, ";");
    expect(rows.length).toBeGreaterThan(20);
    // Commune codes written as numbers: Aisne's lose their leading zero; with it restored, all are members.
    expect(rows.some((r) => /^2\d{3}$/.test(r.comm_insee!))).toBe(true);
    expect(rows.every((r) => territory.isMember(r.comm_insee!.padStart(5, "0")))).toBe(true);
    expect(rows.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.site_actu_date!))).toBe(true);
    expect(rows.some((r) => r.unite_fonciere_surface === "NA")).toBe(true);
    expect(rows.some((r) => r.site_type === "inconnu")).toBe(true);
    expect(rows.some((r) => r.sol_pollution_commentaire!.includes("\n"))).toBe(true);
    expect(new Set(rows.map((r) => r.site_statut))).toEqual(new Set(["friche potentielle", "friche sans projet", "friche avec projet", "friche reconvertie"]));
    expect(new Set(rows.map((r) => r.site_id)).size).toBe(rows.length);
    const flodor = rows.filter((r) => r.site_nom === "Flodor");
    expect(flodor.map((r) => [r.comm_insee, r.comm_nom, r.site_actu_date])).toEqual([["80620", "Péronne", "15/11/2023"]]);
    expect(rows.every((r) => r.source_nom!.startsWith("Données de démonstration"))).toBe(true);
    // The file's vintage is the Flodor update: no site is updated later.
    const iso = (d: string) => d.split("/").reverse().join("-");
    expect(rows.every((r) => iso(r.site_actu_date!) <= "2023-11-15" && iso(r.site_identif_date!) <= iso(r.site_actu_date!))).toBe(true);
    // Each position falls inside its commune (contours of ../shared/data, from which the generator places them).
    const contours = sharedFile("contours");
    if (!contours) return;
    const shapes = new Map<string, Feature>();
    for (const name of readdirSync(contours).filter((n) => n.startsWith("communes-")))
      for (const f of (JSON.parse(readText(contours, name)) as FeatureCollection).features) shapes.set(String(f.properties!.code), f);
    const placed = rows.filter((x) => x.geompoint !== "NA");
    expect(placed.length).toBe(rows.length);
    for (const r of placed) {
      const [lon, lat] = /^POINT \((\S+) (\S+)\)$/.exec(r.geompoint!)!.slice(1).map(Number) as [number, number];
      expect(geoContains(shapes.get(r.comm_insee!.padStart(5, "0"))!, [lon, lat]), `${r.site_id} ${r.geompoint}`).toBe(true);
    }
  });

  test("URSSAF rows exist only with at least one establishment in some year, span the whole period, and leave BOTH cells empty in a year without establishment", () => {
    const rows = readCsv(dir, URSSAF, ";");
    for (const r of rows) {
      expect(range(2011, 2025).some((y) => Number(r[`nombre_d_etablissements_${y}`]) > 0)).toBe(true);
      for (const y of range(2011, 2025)) {
        const establishments = r[`nombre_d_etablissements_${y}`]!;
        expect(establishments === "" || Number(establishments) > 0).toBe(true); // never a written 0
        if (establishments === "") expect(r[`effectifs_salaries_${y}`]).toBe("");
      }
    }
    // Some pairs opened or closed during the period: years with both cells empty inside a row.
    expect(rows.some((r) => range(2011, 2025).some((y) => r[`nombre_d_etablissements_${y}`] === ""))).toBe(true);
  });

  test("Cerema destinations add up to the flow of the year, a few with the producer's rounding residual -1.0 in `inc`", () => {
    const rows = readCsv(dir, CEREMA, ",");
    for (const r of rows)
      for (const y of range(2011, 2023)) {
        const flow = r[`naf${yy(y)}art${yy(y + 1)}`]!;
        const parts = ["act", "hab", "mix", "rou", "fer", "inc"].map((d) => r[`art${yy(y)}${d}${yy(y + 1)}`]!);
        if (flow === "") expect(parts.every((p) => p === "")).toBe(true);
        else {
          expect(flow).toMatch(/^\d+\.0$/); // written like the producer: 7351.0
          expect(parts.reduce((s, p) => s + Number(p), 0)).toBe(Number(flow));
          for (const p of parts) expect(Number(p) >= 0 || p === "-1.0").toBe(true);
        }
      }
    const residuals = rows.flatMap((r) => range(2011, 2023).filter((y) => r[`art${yy(y)}inc${yy(y + 1)}`] === "-1.0"));
    expect(residuals.length).toBeGreaterThanOrEqual(3);
    expect(residuals.length).toBeLessThanOrEqual(30);
  });

  test("DARES: raw data `Brutes`, dates `AAAA-T4`, the producer's age bands; a city's arrondissements come before it", () => {
    const rows = readCsv(dir, DARES, ";");
    expect(new Set(rows.map((r) => r[D.type]))).toEqual(new Set(["Brutes"]));
    expect(new Set(rows.map((r) => r[D.date]))).toEqual(new Set(range(2011, 2025).map((y) => `${y}-T4`)));
    expect(new Set(rows.map((r) => r[D.age]))).toEqual(new Set(["Total", "Moins de 25 ans", "De 25 à 49 ans", "50 ans et plus"]));
    const paris = rows.filter((r) => PARIS.includes(r[D.commune]!)).map((r) => `${r[D.date]} ${r[D.commune]}`);
    expect(paris).toEqual(["2024-T4 75101", "2024-T4 75102", "2024-T4 75056", "2025-T4 75101", "2025-T4 75102", "2025-T4 75056"]);
  });
});

describe("magnitudes follow the real populations", () => {
  test("URSSAF: 30 000 to 60 000 private jobs in 2018, industry 18-28 % and declining", () => {
    const rows = readCsv(dir, URSSAF, ";");
    const jobs = (y: number, industry?: boolean) =>
      rows.filter((r) => industry === undefined || (r.grand_secteur_d_activite === "Industrie") === industry).reduce((s, r) => s + Number(r[`effectifs_salaries_${y}`] || 0), 0);
    expect(jobs(2018)).toBeGreaterThan(30_000);
    expect(jobs(2018)).toBeLessThan(60_000);
    const share = (y: number) => jobs(y, true) / jobs(y);
    expect(share(2018)).toBeGreaterThan(0.18);
    expect(share(2018)).toBeLessThan(0.28);
    expect(share(2023)).toBeLessThan(share(2011));
    // Jobs concentrate in the largest commune.
    const largest = [...territory.communes].sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0]!;
    const inLargest = rows.filter((r) => r.code_commune === largest.code).reduce((s, r) => s + Number(r.effectifs_salaries_2018 || 0), 0);
    expect(inLargest / jobs(2018)).toBeGreaterThan((largest.population ?? 0) / territory.population!);
  });

  test("Sirene: 55 to 95 creations per 10 000 inhabitants a year in 2021-2023, fewer before 2015, about 8 % industry", () => {
    const rows = SIRENE.flatMap((f) => readCsv(dir, f, ","));
    const created = (y: number) => rows.filter((r) => r.dateCreationEtablissement!.startsWith(`${y}-`)).length;
    const per10k = (y: number) => (created(y) * 10_000) / territory.population!;
    for (const y of [2021, 2022, 2023]) {
      expect(per10k(y)).toBeGreaterThan(55);
      expect(per10k(y)).toBeLessThan(95);
    }
    expect(per10k(2012)).toBeLessThan(per10k(2022));
    const industry = rows.filter((r) => r.nomenclatureActivitePrincipaleEtablissement === "NAFRev2" && Number(r.activitePrincipaleEtablissement!.slice(0, 2)) <= 39 && Number(r.activitePrincipaleEtablissement!.slice(0, 2)) >= 5);
    expect(industry.length / rows.length).toBeGreaterThan(0.05);
    expect(industry.length / rows.length).toBeLessThan(0.11);
    expect(rows.length).toBeGreaterThan(15_000);
    expect(rows.length).toBeLessThan(25_000);
  });

  test("DARES: 8-13 % of the population registered ABC in the largest commune", () => {
    const largest = [...territory.communes].sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0]!;
    const rows = readCsv(dir, DARES, ";").filter((r) => r[D.commune] === largest.code && r[D.categorie] === "ABC" && r[D.sexe] === "Total" && r[D.age] === "Total");
    expect(rows.map((r) => r[D.date])).toEqual(range(2011, 2025).map((y) => `${y}-T4`));
    for (const r of rows) {
      const rate = Number(r[D.count]) / largest.population!;
      expect(rate).toBeGreaterThan(0.08);
      expect(rate).toBeLessThan(0.13);
    }
  });

  test("Cerema: 0.5-2.5 ha a year on average in the largest commune, less after 2021", () => {
    const rows = readCsv(dir, CEREMA, ",");
    const largest = [...territory.communes].sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0]!;
    const row = rows.find((r) => r.idcom === largest.code)!;
    const ha = range(2011, 2020).map((y) => Number(row[`naf${yy(y)}art${yy(y + 1)}`] || 0) / 10_000);
    const mean = ha.reduce((a, b) => a + b, 0) / ha.length;
    expect(mean).toBeGreaterThan(0.5);
    expect(mean).toBeLessThan(2.5);
    const total = (ys: number[]) => rows.reduce((s, r) => s + ys.reduce((t, y) => t + Number(r[`naf${yy(y)}art${yy(y + 1)}`] || 0), 0), 0) / ys.length;
    expect(total([2021, 2022, 2023])).toBeLessThan(total(range(2011, 2020)));
  });

  test("BMO: the three bassins of the territory and at least two others, each year", async () => {
    for (const year of [2015, 2023]) {
      const { rows } = await readBmo(dir, year);
      const bassins = new Map(rows.map((r) => [r[9] as number, r[10] as string]));
      expect(bassins.get(3203)).toBe("SANTERRE SOMME");
      expect(bassins.get(3204)).toBe("SAINT QUENTIN");
      expect(bassins.get(3205)).toBe("CHAUNY");
      expect(bassins.size).toBeGreaterThanOrEqual(5);
      expect(new Set(rows.map((r) => r[1])).size).toBeGreaterThanOrEqual(55);
    }
  });
});

describe("manifest", () => {
  test("one demonstration entry per generated file, with data row count and sha256 of the bytes", async () => {
    const manifest = JSON.parse(readText(dir, "manifest.json"));
    expect(manifest.demonstration).toBe(true);
    expect(manifest.genere_par).toBe("npm run data:demo");
    expect(manifest.avertissement).toMatch(/fictives/);
    expect(manifest.avertissement).toMatch(/pas des données officielles/);
    const paths = manifest.fichiers.map((f: { chemin: string }) => f.chemin);
    expect(paths).toEqual(
      [URSSAF, URSSAF_FRANCE_PATH, CEREMA, DARES, LYCEES, ...SIRENE, FRICHES, ...range(2015, 2023).map((y) => `sources/Base_open_data_BMO_${y}.xlsx`)].sort((a, b) => a.localeCompare(b)),
    );
    for (const f of manifest.fichiers) {
      expect(f.demonstration).toBe(true);
      const { readFileSync } = await import("node:fs");
      expect(f.sha256).toBe(sha256(readFileSync(join(dir, f.chemin))));
      if (f.chemin.endsWith(".xlsx")) expect(f.lignes).toBe((await readBmo(dir, Number(f.chemin.slice(-9, -5)))).rows.length);
      else expect(f.lignes).toBe(readCsv(dir, f.chemin, f.chemin.includes("sirene") ? "," : ";").length);
    }
    expect(manifest.fichiers.find((f: { chemin: string }) => f.chemin === URSSAF).millesime).toBe("2011-2025");
    expect(manifest.fichiers.find((f: { chemin: string }) => f.chemin === FRICHES).millesime).toBe("2023-11-15");
  });
});

test("the committed data/manifest.json is what the generator writes today (re-run npm run data:demo otherwise)", () => {
  const committed = JSON.parse(readText("data", "manifest.json"));
  const generated = JSON.parse(readText(dir, "manifest.json"));
  // The brownfield positions come from the commune contours of ../shared/data: without them (NA positions) the
  // Cartofriches file differs from the committed one, and only the other entries can be compared.
  if (!sharedFile("contours")) {
    const others = (m: { fichiers: { chemin: string }[] }) => ({ ...m, fichiers: m.fichiers.filter((f) => f.chemin !== FRICHES) });
    expect(others(committed)).toEqual(others(generated));
    return;
  }
  expect(committed).toEqual(generated);
});
