// rejets.csv: every input row that was not loaded, with its reason.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { csvText } from "../io/csv-write.ts";
import type { Rejection } from "../sources/types.ts";

export const REJECTION_COLUMNS = ["fichier", "ligne", "colonne", "valeur", "motif"] as const;

export function rejectionsCsv(rejections: Rejection[]): string {
  return csvText(REJECTION_COLUMNS, rejections.map((r) => [r.file, r.line, r.column, r.value, r.reason]));
}

export async function writeRejections(rejections: Rejection[], outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, "rejets.csv");
  await writeFile(file, rejectionsCsv(rejections), "utf8");
  return file;
}
