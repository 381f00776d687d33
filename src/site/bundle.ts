// Everything the pages read, computed once at build time from the data folder
// (docs/data/site.zip.ts packs these files; pages read them with FileAttachment("data/site/<name>")).
import path from "node:path";
import { computeIndicators } from "../indicators/index.ts";
import { loadDataFolder } from "../pipeline/load-data-folder.ts";
import type { SiteContext, SiteFile } from "./context.ts";
import { dataStatus } from "./data-status.ts";
import { SITE_PARTS } from "./parts/index.ts";

/** `say` receives the computation's notes (what the territory's files lack), for the build's output. */
export async function buildSiteBundle(dataDir: string, say: (note: string) => void = () => {}): Promise<Record<string, SiteFile>> {
  const folder = await loadDataFolder(dataDir);
  try {
    const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dataDir, "local"), files: folder.files });
    for (const note of result.notes) say(note);
    const ctx: SiteContext = { dataDir, folder, status: dataStatus(folder), result };
    const files: Record<string, SiteFile> = {};
    for (const part of SITE_PARTS) {
      for (const [name, content] of Object.entries(await part(ctx))) {
        if (name in files) throw new Error(`Fichier du site produit deux fois : ${name}`);
        files[name] = content;
      }
    }
    return files;
  } finally {
    folder.close();
  }
}
