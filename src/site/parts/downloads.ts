// The files a user downloads from the "Données" page: exactly what `ti compute` writes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeIndicatorOutputs } from "../../indicators/index.ts";
import { collectRejections } from "../../evaluation/rejections.ts";
import { rejectionsCsv } from "../../pipeline/write-rejections.ts";
import type { SiteContext, SiteFile } from "../context.ts";

const WRITTEN = ["indicateurs.csv", "indicateurs.parquet", "suivi-cibles.csv", "bassins-emploi.csv"] as const;

export async function downloadFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ti-telechargements-"));
  try {
    // With the reference levels (département, région, France, Territoires d'industrie), as `ti compute` writes them.
    await writeIndicatorOutputs(ctx.result, dir, ctx.references.rows);
    const files: Record<string, SiteFile> = {};
    for (const name of WRITTEN) files[name] = new Uint8Array(await readFile(path.join(dir, name)));
    files["rejets.csv"] = rejectionsCsv(collectRejections(ctx.folder, ctx.result));
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
