// A national-size DARES file as the portal's label export writes it (`2024-T4`, `Brutes`, `;`, labels, UTF-8 with BOM):
// every current commune of France x ten fourth quarters x six populations, counts rounded to 5, a few secrets.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { referenceCommunes } from "../src/io/reference.ts";

export const DARES_GENERATOR_VERSION = 1;
export const DARES_HEADER = "Date;Code région;Région;Code département;Département;Code commune;Commune;Type de données;Catégorie;Sexe;Tranche d'âge;Nombre de demandeurs d'emploi";
const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);
const POPULATIONS = [
  ["ABC", "Total", "Total"],
  ["ABC", "Hommes", "Total"],
  ["ABC", "Femmes", "Total"],
  ["ABC", "Total", "Moins de 25 ans"],
  ["ABC", "Total", "50 ans et plus"],
  ["A", "Total", "Total"],
] as const;

/** Every row the generator can write: communes x years x populations. */
export const DARES_FULL_ROWS = (): number => referenceCommunes().filter((c) => c.type === "commune-actuelle").length * YEARS.length * POPULATIONS.length;

/** A number from the seed and a row's key (FNV-1a): the same file for the same seed. */
function hash(seed: string, key: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}|${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** Writes at most `rows` rows (in year, commune, population order); returns the rows written and the bytes. */
export async function writeDaresFile(file: string, rows: number, seed: string): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(file);
  const communes = referenceCommunes().filter((c) => c.type === "commune-actuelle");
  let written = 0;
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  };
  await write(`\uFEFF${DARES_HEADER}\r\n`);
  outer: for (const year of YEARS)
    for (const c of communes)
      for (const [category, sex, age] of POPULATIONS) {
        if (written === rows) break outer;
        const h = hash(seed, `${year}${c.code}${category}${sex}${age}`);
        // One count in twenty is a secret (small values); the others rounded to 5, as the producer publishes them.
        const count = h % 20 === 0 ? "s" : String((h % 2000) * 5);
        await write(`${year}-T4;00;Région;${c.departement ?? ""};Département;${c.code};${c.nom};Brutes;${category};${sex};${age};${count}\r\n`);
        written++;
      }
  out.end();
  await once(out, "finish");
  return { rows: written, bytes };
}
