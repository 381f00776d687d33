// Both loaders that read through DuckDB (URSSAF, Sirene) tell a rejected row by the line the project's CSV reader
// gives it, whatever the line ends (CRLF, LF, a lone CR, mixed) and wherever a quoted cell spans several lines: DuckDB
// numbers records, so each loader proves every record one line with the one line counter (src/io/line-count.ts), or
// reads the file with the CSV reader (src/io/csv-staging.ts).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { sirene } from "../../src/sources/sirene/loader.ts";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import { expectCountsAddUp, freshDb, theTerritory } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "line-endings-"));

function write(name: string, text: string, gzip = false): string {
  const file = path.join(dir, name);
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}

const SIRENE_HEADER = "siret,codeCommuneEtablissement,dateCreationEtablissement,enseigne1Etablissement";
const BAD_DATE = "date de création invalide (AAAA-MM-JJ attendu)";
const URSSAF_HEADER = "code_commune;code_ape;secteur_na38;nombre_d_etablissements_2021;effectifs_salaries_2021";

describe("line numbers of the DuckDB loaders on hostile line ends", () => {
  it("Sirene: a quoted cell holding a lone CR spans two lines, so the row after it is on line 4 (an LF count would say 3)", async () => {
    const file = write("sirene-cr-quoted.csv", `${SIRENE_HEADER}\n55208131700123,02691,2019-03-15,"Atelier\rdu Nord"\n38012986600018,80620,2020-02-30,Y\n`);
    const report = await sirene.load(file, { db: await freshDb(), territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report.rejections).toEqual([{ file, line: 4, column: "dateCreationEtablissement", value: "2020-02-30", reason: BAD_DATE }]);
  });

  it("Sirene: a lone-CR file, a mixed file and the same gzipped give each row its editor's line", async () => {
    const rows = ["55208131700123,02691,2019-03-15,A", "38012986600018,80620,2020-02-30,B", "55208131700131,02738,2021-13-01,C"];
    const cases = {
      "sirene-cr.csv": `${SIRENE_HEADER}\r${rows.join("\r")}\r`,
      "sirene-mixed.csv": `${SIRENE_HEADER}\r\n${rows[0]}\r${rows[1]}\n\r\n${rows[2]}\n`,
      "sirene-mixed.csv.gz": `${SIRENE_HEADER}\r\n${rows[0]}\r${rows[1]}\n\r\n${rows[2]}\n`,
    };
    const expected = { "sirene-cr.csv": [3, 4], "sirene-mixed.csv": [3, 5], "sirene-mixed.csv.gz": [3, 5] };
    for (const [name, text] of Object.entries(cases)) {
      const file = write(name, text, name.endsWith(".gz"));
      const report = await sirene.load(file, { db: await freshDb(), territory: await theTerritory() });
      expectCountsAddUp(report);
      expect(report.rejections.map((r) => r.line), name).toEqual(expected[name as keyof typeof expected]);
    }
  });

  it("URSSAF: a lone CR in a quoted label, a lone-CR file and a mixed file give the rejected row its editor's line", async () => {
    const good = "02691;2511Z;CH Métallurgie;3;120";
    const bad = "80620;1089Z;CA Alimentaire;1;-4";
    const cases = {
      "urssaf-cr-quoted.csv": [`${URSSAF_HEADER}\n02738;4711D;"GZ Commerce\rde détail";2;5\n${bad}\n`, 4],
      "urssaf-cr.csv": [`${URSSAF_HEADER}\r${good}\r${bad}\r`, 3],
      "urssaf-mixed.csv": [`${URSSAF_HEADER}\r\n${good}\r\n\r${bad}\n`, 4],
    } as const;
    for (const [name, [text, line]] of Object.entries(cases)) {
      const file = write(name, text);
      const report = await urssaf.load(file, { db: await freshDb(), territory: await theTerritory() });
      expectCountsAddUp(report);
      expect(report.rejections.map((r) => [r.line, r.column]), name).toEqual([[line, "effectifs_salaries_2021"]]);
    }
  });
});
