// Framework 1.13 writes no lang attribute on <html> (WCAG 3.1.1 / RGAA 8.3): every built page gets lang="fr".
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function setHtmlLang(distDir: string, lang = "fr"): Promise<number> {
  const entries = await readdir(distDir, { withFileTypes: true, recursive: true });
  let count = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const file = path.join(e.parentPath, e.name);
    const html = await readFile(file, "utf8");
    const fixed = html.replace(/<html(?![^>]*\blang=)([^>]*)>/i, `<html lang="${lang}"$1>`);
    if (fixed !== html) {
      await writeFile(file, fixed);
      count++;
    }
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  const n = await setHtmlLang(dist);
  console.log(`lang="fr" ajouté à ${n} page(s) de ${dist}/`);
}
