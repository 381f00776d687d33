// Issue 16, cases 7 and 12: what the product writes and prints from hostile data. CSV cells that a spreadsheet would
// run as formulas are escaped; no absolute path of the building machine is published; the terminal never receives a
// control character from the data; an empty folder, links and protected workbooks get a clear French answer.
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { computeIndicators, writeIndicatorOutputs } from "../../src/indicators/index.ts";
import { collectRejections } from "../../src/evaluation/rejections.ts";
import { writeRejections } from "../../src/pipeline/write-rejections.ts";
import { csvText } from "../../src/io/csv-write.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { LoadError } from "../../src/sources/types.ts";
import { printable } from "../../src/format/terminal.ts";
import { cleanUp, dataFolder, readDemo, scalar, validate } from "./helpers.ts";

afterAll(cleanUp);

const URSSAF = "urssaf-etablissements-effectifs-commune-ape.csv";
const DARES = "dares-defm-communes.csv";
const ACTIONS_HEADER = "id,axe,titre,porteur,statut,avancement,indicateurs_lies,date_mise_a_jour";

/** `ti compute` in process: loads `data`, writes every published CSV into `data`/out. */
async function compute(data: string): Promise<string> {
  const out = path.join(data, "out");
  const folder = await loadDataFolder(data);
  try {
    const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(data, "local"), files: folder.files });
    await writeIndicatorOutputs(result, out);
    await writeRejections(collectRejections(folder, result), out);
  } finally {
    folder.close();
  }
  return out;
}

describe("case 7: CSV formula injection", () => {
  it("text cells starting with = + - @ tab or CR get a leading quote; numbers (and number-like text) stay numbers", () => {
    const text = csvText(["a", "b"], [["=HYPERLINK(\"http://x\",\"clic\")", -12.5], ["@SUM(1)", 3], ["+33 1 23", "-15"], ["\tx", "-1+1"], ["\rx", "normal"]]);
    expect(Papa.parse<string[]>(text.trim()).data).toEqual([
      ["a", "b"],
      ["'=HYPERLINK(\"http://x\",\"clic\")", "-12.5"],
      ["'@SUM(1)", "3"],
      ["'+33 1 23", "-15"],
      ["'\tx", "'-1+1"],
      ["'\rx", "normal"],
    ]);
  });

  it("=HYPERLINK and @SUM typed in local files reach rejets.csv escaped", async () => {
    const data = dataFolder({ [URSSAF]: { copy: URSSAF } });
    mkdirSync(path.join(data, "local"));
    writeFileSync(path.join(data, "local", "actions.csv"), `${ACTIONS_HEADER}\nA1,"=HYPERLINK(""http://evil.example"",""clic"")",Titre,CA,engagée,10,,2024-01-01\n`);
    writeFileSync(path.join(data, "local", "suivi.csv"), "indicateur,niveau,code_geo,annee,valeur,numerateur,denominateur\nentreprises_accompagnees,territoire,@SUM(1),2022,3,,\n");
    const out = await compute(data);
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(out, "rejets.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows.filter((r) => r.fichier!.startsWith("local/")).map((r) => [r.fichier, r.colonne, r.valeur])).toEqual([
      ["local/actions.csv", "axe", "'=HYPERLINK(\"http://evil.example\",\"clic\")"],
      ["local/suivi.csv", "code_geo", "'@SUM(1)"],
    ]);
  });
});

describe("case 12: smaller things", () => {
  it("an empty data/sources: no « 1 fichier utilisable » (the shared table is not a file of the folder), exit 1, what to do", async () => {
    const { code, lines } = await validate(dataFolder({}));
    expect(code).toBe(1);
    expect(lines.some((l) => l.startsWith("Bilan"))).toBe(false);
    expect(lines.some((l) => /^Aucun fichier utilisable dans .*sources : lancez « npm run data:demo »/.test(l))).toBe(true);
  });

  it("a symbolic link to a source file is followed; a link to a folder is reported; a looping link is unusable, at once", async () => {
    const data = dataFolder({ "vrai/dares.csv": readDemo(DARES).split("\n").slice(0, 4).join("\n") + "\n" });
    const sources = path.join(data, "sources");
    symlinkSync(path.join(sources, "vrai", "dares.csv"), path.join(sources, "lien.csv"));
    symlinkSync(path.join(sources, "vrai"), path.join(sources, "dossier-lie"));
    symlinkSync(path.join(sources, "boucle-b"), path.join(sources, "boucle-a"));
    symlinkSync(path.join(sources, "boucle-a"), path.join(sources, "boucle-b"));
    // A loop of links must not hang the reading: the test's own time limit says so.
    const folder = await loadDataFolder(data);
    try {
      const by = (p: string) => folder.files.find((f) => f.relativePath === `sources/${p}`);
      // The link and its target have the same content: read once (the shallower path, the link, is kept).
      expect(by("lien.csv")?.report?.rowsLoaded).toBe(3);
      expect(by("vrai/dares.csv")?.ignored?.reason).toMatch(/^copie identique de sources\/lien\.csv/);
      expect(await scalar(folder, "SELECT count(*) FROM dares")).toBe(3);
      expect(by("dossier-lie")?.ignored?.reason).toMatch(/^lien symbolique vers un dossier : non suivi/);
      expect(by("boucle-a")?.problem?.message).toBe("lien symbolique cassé ou qui boucle : sa cible est introuvable");
    } finally {
      folder.close();
    }
  });

  it("no absolute path of the data folder in rejets.csv, suivi-cibles.csv or the catalogue (relative to the data folder)", async () => {
    const lines = readDemo(DARES).split("\n");
    lines[1] = lines[1]!.replace(/;\d+$/, ";-3");
    const data = dataFolder({ [DARES]: lines.join("\n") });
    mkdirSync(path.join(data, "local"));
    writeFileSync(path.join(data, "local", "cibles.csv"), "indicateur,niveau,code_geo,valeur_cible,annee_cible,type\ndemandeurs_emploi_abc,territoire,saint-quentinois-tergnier,12,2026,valeur\ndemandeurs_emploi_abc,territoire,inconnu,12,2026,valeur\n");
    const out = await compute(data);
    for (const name of readdirSync(out)) {
      if (name.endsWith(".parquet")) continue;
      const text = readFileSync(path.join(out, name), "utf8");
      expect(text.includes(data), name).toBe(false);
    }
    const rejets = readFileSync(path.join(out, "rejets.csv"), "utf8");
    expect(rejets).toContain(`sources/${DARES},2,`);
    expect(rejets).toContain("local/cibles.csv,3,code_geo");
    expect(readFileSync(path.join(out, "suivi-cibles.csv"), "utf8")).toContain("cible : local/cibles.csv:2");
    expect(readFileSync(path.join(out, "catalogue-indicateurs.json"), "utf8")).toContain(`"sources/${DARES}"`);
  });

  it("terminal escape sequences from the data are printed as visible codes by ti validate", async () => {
    const lines = readDemo(DARES).split("\n").slice(0, 3);
    lines[1] = lines[1]!.replace(";02001;", ";\u001b[2J\u001b[31m02001\u202e;");
    const { lines: printed } = await validate(dataFolder({ [DARES]: lines.join("\n") + "\n" }));
    const all = printed.join("\n");
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(all)).toBe(false);
    expect(all).toContain("\\x1b[2J\\x1b[31m02001\\u202e");
    expect(printable("a\rb\u0007")).toBe("a\\x0db\\x07");
  });

  it("a password-protected workbook (encrypted OLE container) gets a clear message, not « source non reconnue » and binary", async () => {
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from("EncryptedPackage", "utf16le").copy(cfb, 1024 + 64);
    const data = dataFolder({ "BMO_2024.xlsx": cfb, "ancien.xls": Buffer.concat([cfb.subarray(0, 8), Buffer.alloc(2048)]), "image.csv": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
    const failure = async (name: string) => {
      const e = await detectSource(path.join(data, "sources", name)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(LoadError);
      return (e as LoadError).problem.message;
    };
    expect(await failure("BMO_2024.xlsx")).toMatch(/^classeur protégé par un mot de passe : il ne peut pas être lu\. Ouvrez-le dans Excel ou LibreOffice, retirez le mot de passe/);
    expect(await failure("ancien.xls")).toMatch(/^classeur Excel à l'ancien format \.xls/);
    expect(await failure("image.csv")).toBe("fichier binaire (octets nuls) : ni un texte CSV, ni un classeur xlsx");
    const { code, lines } = await validate(data);
    expect(code).toBe(1);
    expect(lines.join("\n")).not.toContain("source non reconnue");
  });
});
