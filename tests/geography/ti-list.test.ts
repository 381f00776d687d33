// The list of Territoires d'industrie carried by the product: derived from the ANCT files by the project's own
// script, every member resolved to the communes of the current COG (or reported), and the ANCT dataset's
// formats (territories, groupings, communes) read the same way, including a list dropped by hand.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deriveTable } from "../../scripts/territoires/derive.ts";
import { cog } from "../../src/geography/cog.ts";
import { readFolderLists } from "../../src/geography/ti-list.ts";
import { readListFolder } from "../../src/geography/ti-read.ts";
import { parseList, PRODUCT_TABLE, productList } from "../../src/geography/ti-table.ts";
import { sharedFile } from "../../src/io/shared-data.ts";

const shared = sharedFile("territoires-industrie");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "ti-liste-"));
  temps.push(d);
  return d;
}

describe("la table du produit", () => {
  const list = productList();
  const phase2 = list.territoires.filter((t) => t.phase === "2023-2027");

  it("compte les 183 territoires de 2023-2027 et leurs 641 membres : 626 EPCI, 3 EPT, 12 communes, aucun non résolu", () => {
    expect(phase2).toHaveLength(183);
    const members = phase2.flatMap((t) => t.membres);
    expect(members).toHaveLength(641);
    const byType = (type: string) => members.filter((m) => m.type === type).map((m) => m.code);
    expect(byType("epci")).toHaveLength(626);
    // The three établissements publics territoriaux of the Métropole du Grand Paris.
    expect(phase2.filter((t) => t.membres.some((m) => m.type === "ept")).map((t) => t.id)).toEqual(["ti-1101", "ti-1104", "ti-1105"]);
    // Communes listed by their SIREN in the list, stored by INSEE code: Cercy-la-Tour (ti-2707) and 11 communes of Creuse.
    expect(byType("commune")).toHaveLength(12);
    expect(phase2.find((t) => t.id === "ti-2707")!.membres.filter((m) => m.type === "commune").map((m) => m.code)).toEqual(["58046"]);
    expect(phase2.find((t) => t.id === "ti-7506")!.membres.filter((m) => m.type === "commune")).toHaveLength(11);
    expect(byType("inconnu")).toEqual([]);
  });

  it("donne ti-3208 « Haute-Picardie » : 5 EPCI, 231 communes, Hauts-de-France", () => {
    const t = phase2.find((x) => x.id === "ti-3208")!;
    expect(t).toMatchObject({ nom: "Haute-Picardie", region: "32", communes: 231 });
    expect(t.membres.map((m) => m.code).sort()).toEqual(["200037059", "200070928", "200070985", "200071785", "200071892"]);
  });

  it("porte sa provenance : ANCT, les deux fichiers et leur SHA-256, sans géométrie", () => {
    expect(list.provenance).toHaveLength(1);
    const p = list.provenance[0]!;
    expect(p).toMatchObject({ phase: "2023-2027", producteur: expect.stringContaining("ANCT"), date: "2024" });
    expect(p.fichiers.map((f) => f.nom)).toEqual(["ti-2023-2027-epci.csv", "ti_geom.geojson"]);
    for (const f of p.fichiers) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = readFileSync(PRODUCT_TABLE, "utf8");
    expect(text).not.toContain("coordinates");
    expect(text.length).toBeLessThan(100_000);
  });

  it.skipIf(!shared)("est exactement ce que le script dérive des fichiers de ../shared/data (table à jour, CSV et GeoJSON d'accord)", async () => {
    const current = readFileSync(PRODUCT_TABLE, "utf8");
    const derived = await deriveTable(shared!, parseList(current, PRODUCT_TABLE));
    expect(derived.reports).toHaveLength(1);
    // No remark: every SIREN of the CSV is in the GeoJSON's liste_geo and the reverse, same names, régions as the ids say.
    expect(derived.reports[0]!.remarques).toEqual([]);
    expect(derived.reports[0]!.nonResolus).toEqual([]);
    expect(derived.text).toBe(current);
    // The SHA-256 recorded is that of the file read in place.
    const { createHash } = await import("node:crypto");
    const csv = readFileSync(path.join(shared!, "ti-2023-2027-epci.csv"));
    expect(productList().provenance[0]!.fichiers[0]!.sha256).toBe(createHash("sha256").update(csv).digest("hex"));
  });

  it.skipIf(!shared)("signale un désaccord entre le CSV et le GeoJSON, et un SIREN inconnu, sans rien retirer", async () => {
    const dir = tempDir();
    const csv = readFileSync(path.join(shared!, "ti-2023-2027-epci.csv"), "utf8").replace("ti-3208,Haute-Picardie,200070928,CC Terre de Picardie", "ti-3208,Haute-Picardie,123456782,CC disparue");
    writeFileSync(path.join(dir, "ti-2023-2027-epci.csv"), csv);
    writeFileSync(path.join(dir, "ti_geom.geojson"), readFileSync(path.join(shared!, "ti_geom.geojson")));
    const { list, reports } = await readFolderLists(dir);
    const t = list.territoires.find((x) => x.id === "ti-3208")!;
    expect(t.membres.find((m) => m.code === "123456782")).toEqual({ type: "inconnu", code: "123456782", nom: "CC disparue" });
    expect(t.communes).toBe(231 - 43);
    expect(reports[0]!.nonResolus).toEqual([expect.stringMatching(/^ti-2023-2027-epci\.csv:\d+: ti-3208 : SIREN 123456782 « CC disparue » inconnu/)]);
    expect(reports[0]!.remarques).toEqual(["ti-3208 : membres différents ; seulement dans le GeoJSON : 200070928 ; seulement dans le fichier des membres : 123456782"]);
  });
});

describe("les fichiers du jeu de l'ANCT sur data.gouv.fr", () => {
  // CC du Canton de Charly-sur-Marne (21 communes) and CC de la Région de Château-Thierry, read from the COG.
  const charly = cog().epcis.get("240200584")!;
  const thierry = cog().epcis.get("200072031")!;

  it("lit territoires, groupements et communes (séparateurs ; et ,, BOM, ` ; ` entre deux territoires) et les compare", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "liste-ti-20240301.csv"), "\uFEFFid_ti;lib_ti;autre\r\nti-9001;Sud Aisne;x\r\nti-9002;Charly seul;y\r\n");
    writeFileSync(path.join(dir, "liste-ti-grpt2023-20240301.csv"), "id_ti,siren_groupement,lib_groupement\nti-9001,240200584,CC Charly\nti-9001,200072031,CA Château-Thierry\nti-9002,240200584,CC Charly\n");
    // Charly's communes are in both territories; one commune of Château-Thierry is missing from this file.
    const rows = [
      ...charly.membres.map((m) => `${m.code};${m.nom};"ti-9001 ; ti-9002";"Sud Aisne ; Charly seul"`),
      ...thierry.membres.slice(1).map((m) => `${m.code};${m.nom};ti-9001;Sud Aisne`),
      "2691;Saint-Quentin;ti-9001;Sud Aisne",
    ];
    writeFileSync(path.join(dir, "liste-ti-com2023-20240301.csv"), ["insee_com;lib_com;id_ti;lib_ti", ...rows].join("\n") + "\n");

    const { list, reports, ignored } = await readFolderLists(dir);
    expect(ignored).toEqual([]);
    expect(list.territoires.map((t) => [t.id, t.nom, t.phase, t.region, t.communes])).toEqual([
      ["ti-9001", "Sud Aisne", "2023-2027", "32", charly.membres.length + thierry.membres.length],
      ["ti-9002", "Charly seul", "2023-2027", "32", 21],
    ]);
    const r = reports[0]!;
    expect(r.membres).toEqual({ epci: 3, ept: 0, commune: 0, inconnu: 0 });
    // The invalid code is a row problem; the missing commune a disagreement between the two files.
    expect(r.remarques).toEqual([
      `liste-ti-com2023-20240301.csv:${rows.length + 1}:insee_com: code commune invalide « 2691 » (5 caractères attendus)`,
      `ti-9001 : communes différentes ; seulement dans les membres : ${thierry.membres[0]!.code}`,
    ]);
    expect(list.provenance[0]).toMatchObject({ phase: "2023-2027", adresse: "https://www.data.gouv.fr/fr/datasets/programme-territoires-dindustrie/" });
    expect(list.provenance[0]!.fichiers.map((f) => f.nom)).toEqual(["liste-ti-20240301.csv", "liste-ti-com2023-20240301.csv", "liste-ti-grpt2023-20240301.csv"]);
  });

  it("lit une liste 2019-2022 déposée à la main (communes seules) : un EPCI complet redevient un membre, le reste des communes une à une", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "2019-2022"));
    // All of Charly, and two communes of Château-Thierry, one of them by an older code? No: by their current codes.
    const two = thierry.membres.slice(0, 2);
    const rows = [...charly.membres, ...two].map((m) => `${m.code},"${m.nom}",TI-0001,Ancien territoire`);
    writeFileSync(path.join(dir, "2019-2022", "communes.csv"), ["insee_com,lib_com,id_ti,lib_ti", ...rows].join("\n") + "\n");
    writeFileSync(path.join(dir, "notes.csv"), "a;b\n1;2\n");

    const { list, ignored } = await readFolderLists(dir);
    expect(ignored).toEqual([expect.stringMatching(/^notes\.csv : en-tête non reconnu/)]);
    const t = list.territoires[0]!;
    expect(t).toMatchObject({ id: "ti-0001", nom: "Ancien territoire", phase: "2019-2022", communes: 23 });
    expect(t.membres).toEqual([
      { type: "epci", code: "240200584", nom: charly.nom },
      ...two.map((m) => ({ type: "commune", code: m.code, nom: cog().communes.get(m.code)!.nom })).sort((a, b) => a.code.localeCompare(b.code)),
    ]);
  });

  it("refuse de deviner la phase d'un fichier qui ne la dit pas, et de lire deux fichiers du même type pour une phase", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "groupements.csv"), "id_ti;siren_groupement;lib_groupement\nti-1;240200584;CC\n");
    writeFileSync(path.join(dir, "liste-ti-com2023-a.csv"), "insee_com;lib_com;id_ti;lib_ti\n02001;A;ti-1;T\n");
    writeFileSync(path.join(dir, "liste-ti-com2023-b.csv"), "insee_com;lib_com;id_ti;lib_ti\n02001;A;ti-1;T\n");
    const { phases, ignored } = await readListFolder(dir);
    expect(phases.map((p) => [p.phase, p.files.map((f) => f.nom)])).toEqual([["2023-2027", ["liste-ti-com2023-a.csv"]]]);
    expect(ignored).toEqual([
      expect.stringMatching(/^groupements\.csv : phase inconnue ; rangez le fichier dans un dossier nommé d'après la phase/),
      "liste-ti-com2023-b.csv : deux fichiers du même type pour la phase 2023-2027 (liste-ti-com2023-a.csv est déjà lu) ; retirez l'un des deux",
    ]);
  });
});
