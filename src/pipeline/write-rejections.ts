// rejets.csv: every input row that was not loaded, with its reason.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import Papa from "papaparse";
import type { Rejection } from "../sources/types.ts";

export const REJECTION_COLUMNS = ["fichier", "ligne", "colonne", "valeur", "motif"] as const;

export function rejectionsCsv(rejections: Rejection[]): string {
  return (
    Papa.unparse(
      { fields: [...REJECTION_COLUMNS], data: rejections.map((r) => [r.file, r.line, r.column, r.value, r.reason]) },
      { newline: "\n" },
    ) + "\n"
  );
}

export async function writeRejections(rejections: Rejection[], outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, "rejets.csv");
  await writeFile(file, rejectionsCsv(rejections), "utf8");
  return file;
}
