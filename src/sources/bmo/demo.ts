// France Travail BMO: recruitment projects by bassin d'emploi x métier, one xlsx a year,
// laid out like the real 2024 file (a description sheet, then `BMO_<YYYY>_open_data`).
import { createRequire } from "node:module";
import ExcelJS from "exceljs";
import type { GeneratedFile } from "../demo/csv.ts";
import { departementName, regionOfDepartement } from "../demo/geo.ts";
import { BMO_BASSINS, BMO_FAMILIES, METIERS } from "../demo/nomenclature.ts";
import { rngFor } from "../demo/random.ts";

export const BMO_FIRST_YEAR = 2015;
export const BMO_LAST_YEAR = 2023;
export const BMO_SECRET = "*";
/** Fixed date written in the workbook properties and in every zip entry, so bytes are stable. */
export const FIXED_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

export function bmoHeader(year: number): string[] {
  const yy = String(year % 100).padStart(2, "0");
  return ["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG", "Dept", "NomDept", `BE${yy}`, `NOMBE${yy}`, "met", "xmet", "smet"];
}

/** Recruitment projects relative to 2023: steady rise, pause in 2020-2021. */
// prettier-ignore
const YEAR_INDEX: Record<number, number> = { 2015: 0.58, 2016: 0.62, 2017: 0.72, 2018: 0.85, 2019: 0.92, 2020: 0.9, 2021: 0.9, 2022: 1.02, 2023: 1 };
/** Share of projects judged difficult. */
// prettier-ignore
const DIFFICULT: Record<number, number> = { 2015: 0.33, 2016: 0.32, 2017: 0.38, 2018: 0.45, 2019: 0.5, 2020: 0.45, 2021: 0.46, 2022: 0.58, 2023: 0.61 };

/** Published value: a string, `*` below 5 (statistical secret). */
export function publishBmo(value: number): string {
  return value < 5 ? BMO_SECRET : String(value);
}

interface ZipEntry {
  dir: boolean;
  async(type: "nodebuffer"): Promise<Buffer>;
}
interface ZipArchive {
  files: Record<string, ZipEntry>;
  file(name: string, data: Buffer, options: { date: Date; createFolders: boolean }): void;
  generateAsync(options: { type: "nodebuffer"; compression: "DEFLATE"; compressionOptions: { level: number } }): Promise<Buffer>;
}
interface ZipConstructor {
  new (): ZipArchive;
  loadAsync(data: Buffer): Promise<ZipArchive>;
}

/**
 * exceljs stamps every zip entry with the current time: re-pack the archive with a fixed
 * date. JSZip is exceljs's own zip library, resolved from exceljs so no new dependency is needed.
 */
async function stableZip(buffer: Buffer): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const JSZip = createRequire(require.resolve("exceljs"))("jszip") as ZipConstructor;
  const source = await JSZip.loadAsync(buffer);
  const target = new JSZip();
  for (const [name, entry] of Object.entries(source.files)) {
    if (entry.dir) continue;
    target.file(name, await entry.async("nodebuffer"), { date: FIXED_DATE, createFolders: false });
  }
  return target.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export async function generateBmoYear(year: number): Promise<GeneratedFile> {
  const header = bmoHeader(year);
  const rows: (string | number)[][] = [];
  const metiers = [...METIERS].sort((a, b) => a.code.localeCompare(b.code));
  const bassins = [...BMO_BASSINS].sort((a, b) => a.departement.localeCompare(b.departement) || a.code - b.code);
  for (const m of metiers) {
    for (const b of bassins) {
      // A stable local profile per bassin x métier, then yearly noise.
      const local = rngFor("bmo-profile", b.code, m.code).lognormal(0.5);
      const weightTotal = METIERS.reduce((s, x) => s + x.weight * (x.farm ? b.farm : 1), 0);
      const rng = rngFor("bmo", year, b.code, m.code);
      const expected = (b.projects2023 * (YEAR_INDEX[year] ?? 1) * m.weight * (m.farm ? b.farm : 1) * local) / weightTotal;
      const met = Math.round(expected * rng.lognormal(0.25));
      if (met === 0) continue; // no project: no row, as in the real file
      const difficult = Math.min(met, Math.round(met * Math.min(0.95, (DIFFICULT[year] ?? 0.5) * m.difficulty) * rng.lognormal(0.15)));
      const seasonal = Math.min(met, Math.round(met * m.seasonal * rng.lognormal(0.2)));
      const region = regionOfDepartement(b.departement);
      rows.push([
        year, m.code, m.label, m.family, BMO_FAMILIES[m.family]!, region.code, region.name, b.departement, departementName(b.departement),
        b.code, b.name, publishBmo(met), publishBmo(difficult), publishBmo(seasonal),
      ]);
    }
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Données de démonstration";
  workbook.lastModifiedBy = "Données de démonstration";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const description = workbook.addWorksheet("Description des variables");
  description.getCell("B5").value = "Données fictives générées pour la démonstration : ce ne sont pas des chiffres officiels de France Travail.";
  description.getRow(7).values = [null, null, "Variables ", "Description "];
  const meanings: (string | number)[] = [
    year, "Code métier BMO (FAP)", "libellé métier BMO ", "Code famille de métier", "libellé famille de métier", "Code région Insee",
    "Nom de la région ", "N° de département ", "Nom du département ", "Code bassin d'emploi ", "Nom du bassin d'emploi",
    "Nombre de projet de recrutement ", "Nombre de projets de recrutement jugés difficiles", "Nombre de projets de recrutement saisonniers",
  ];
  header.forEach((name, i) => (description.getRow(8 + i).values = [null, null, name, meanings[i]!]));

  const sheet = workbook.addWorksheet(`BMO_${year}_open_data`);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    path: `sources/Base_open_data_BMO_${year}.xlsx`,
    source: "bmo",
    vintage: String(year),
    content: await stableZip(buffer),
    rows: rows.length,
  };
}

export async function generateBmo(): Promise<GeneratedFile[]> {
  const out: GeneratedFile[] = [];
  for (let year = BMO_FIRST_YEAR; year <= BMO_LAST_YEAR; year++) out.push(await generateBmoYear(year));
  return out;
}
