// Framework 1.13 writes pages that fail two accessibility rules; every built page is fixed after the build:
// - no lang attribute on <html> (WCAG 3.1.1 / RGAA 8.3): lang="fr" is added;
// - a viewport with maximum-scale=1, which forbids zooming on phones (WCAG 1.4.4): the limit is removed;
// - the sidebar's close <label> inside an <ol>, where only <li> may stand: it is moved just after the list
//   (it is positioned absolutely against the sidebar, so it looks the same, and the list stays the sidebar's first
//   child, which the title's style depends on); its toggle is titled in French.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export function fixPageHtml(html: string, lang = "fr"): string {
  return html
    .replace(/<html(?![^>]*\blang=)([^>]*)>/i, `<html lang="${lang}"$1>`)
    .replace(/(<meta name="viewport" content="[^"]*?),\s*maximum-scale=1([^"]*")/i, "$1$2")
    .replace(/<ol>\s*(<label id="observablehq-sidebar-close"[^>]*><\/label>)\s*([\s\S]*?<\/ol>)/, "<ol>\n    $2\n  $1")
    .replace('title="Toggle sidebar"', 'title="Afficher ou masquer le menu"');
}

/** Fixes every page of the built site; returns how many pages were changed. */
export async function fixBuiltPages(distDir: string, lang = "fr"): Promise<number> {
  const entries = await readdir(distDir, { withFileTypes: true, recursive: true });
  let count = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const file = path.join(e.parentPath, e.name);
    const html = await readFile(file, "utf8");
    const fixed = fixPageHtml(html, lang);
    if (fixed !== html) {
      await writeFile(file, fixed);
      count++;
    }
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  const n = await fixBuiltPages(dist);
  console.log(`${n} page(s) de ${dist}/ corrigée(s) (lang="fr", zoom autorisé)`);
}
