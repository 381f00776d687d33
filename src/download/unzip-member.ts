// Taking one file out of a downloaded zip archive (BMO surveys before 2025, older Cerema vintages), by
// streaming it from the archive on disk into its final place, atomically: the archive is never loaded
// whole into memory.
import { openZipArchive, type ZipArchive } from "../io/zip.ts";
import { writeAtomically, type WrittenFile } from "./atomic.ts";
import { DownloadError } from "./errors.ts";
import { looksLikeHtml, readHead, RefusedContent } from "./verify.ts";

/** The member to keep: the largest one matching the first pattern that matches any member. */
export function chooseMember<T extends { name: string; size: number }>(members: T[], patterns: RegExp[]): T | undefined {
  for (const pattern of patterns) {
    const matching = members.filter((m) => pattern.test(m.name));
    if (matching.length > 0) return matching.reduce((a, b) => (b.size > a.size ? b : a));
  }
  return undefined;
}

/** Writes the chosen member of `archive` to `dest`; a French DownloadError when the archive is unusable. */
export async function extractMember(
  archive: string,
  patterns: RegExp[],
  dest: string,
  /** Checks the extracted bytes (in their part file) before they take the final name. */
  verify?: (partFile: string) => Promise<void>,
): Promise<WrittenFile & { member: string }> {
  let zip: ZipArchive;
  if (looksLikeHtml(await readHead(archive, 1024)))
    throw new RefusedContent("le serveur a envoyé une page web (HTML) au lieu de l'archive zip attendue : page d'erreur, de maintenance ou de connexion ?", true);
  try {
    zip = await openZipArchive(archive);
  } catch (e) {
    throw new RefusedContent(`archive zip illisible (${(e as Error).message})`);
  }
  try {
    const members = zip.entries.filter((e) => !e.name.endsWith("/"));
    const chosen = chooseMember(members, patterns);
    if (!chosen) {
      const names = members.map((m) => m.name);
      const shown = names.slice(0, 8).join(", ") + (names.length > 8 ? ", …" : "");
      throw new RefusedContent(`l'archive ne contient pas le fichier attendu (contenu : ${shown || "vide"})`);
    }
    try {
      const written = await writeAtomically(dest, [await zip.open(chosen)], { verify });
      return { ...written, member: chosen.name };
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      // A system error code (ENOSPC, EACCES...) is the local disk; anything else is the archive's content.
      const code = (e as { code?: unknown }).code;
      const local = typeof code === "string" && /^E[A-Z]+$/.test(code);
      throw new DownloadError(
        local ? `écriture impossible de ${dest} (${(e as Error).message})` : `extraction de ${chosen.name} impossible (${(e as Error).message})`,
        local ? "fichier" : "http",
        false,
      );
    }
  } finally {
    zip.close();
  }
}
