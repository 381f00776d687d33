// Everything the pages read, computed from one evaluation of the data folder
// (src/site/cached-bundle.ts packs these files; pages read them with FileAttachment("data/site/<name>")).
import type { Evaluation } from "../evaluation/evaluate.ts";
import type { SiteContext, SiteFile } from "./context.ts";
import { dataStatus } from "./data-status.ts";
import { SITE_PARTS } from "./parts/index.ts";

export async function buildSiteBundle(evaluation: Evaluation): Promise<Record<string, SiteFile>> {
  const { dataDir, folder, indicators: result, references, local } = evaluation;
  const ctx: SiteContext = { dataDir, folder, status: dataStatus(folder), result, references, local };
  const files: Record<string, SiteFile> = {};
  for (const part of SITE_PARTS) {
    for (const [name, content] of Object.entries(await part(ctx))) {
      if (name in files) throw new Error(`Fichier du site produit deux fois : ${name}`);
      files[name] = content;
    }
  }
  return files;
}
