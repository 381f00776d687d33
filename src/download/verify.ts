// Proof that a downloaded file is what it claims to be, before it replaces anything under data/: a server may
// answer 200 with an HTML page (maintenance, login, "file not found" page), a gzip cut short, or a file of
// another source. The proof is what the product itself will do with the file: the source detection of
// src/sources/detect.ts must recognise the expected source (an xlsx workbook must open), a gzip file must
// decompress to its end within the reading bounds, a GeoJSON file must parse as a FeatureCollection.
import { open, readFile } from "node:fs/promises";
import { detectSource } from "../sources/detect.ts";
import { readToEnd } from "../io/read-text.ts";
import { loaders } from "../sources/registry.ts";
import { LoadError } from "../sources/types.ts";
import type { Download } from "./catalogue.ts";
import { DownloadError } from "./errors.ts";

/** A download refused for its content; `html` when the server sent a web page (often its way of saying "not found"). */
export class RefusedContent extends DownloadError {
  constructor(
    readonly reason: string,
    readonly html = false,
  ) {
    super(`fichier reçu refusé, rien n'a été remplacé : ${reason}`, "contenu", false);
  }
}

const HTML_PAGE_REASON = "le serveur a envoyé une page web (HTML) au lieu du fichier attendu : page d'erreur, de maintenance ou de connexion ?";

/** Throws RefusedContent (in French) unless `file` is a readable file of the download's source. */
export async function proveReadable(file: string, download: Pick<Download, "source" | "format">): Promise<void> {
  const head = await readHead(file, 1024);
  if (looksLikeHtml(head))
    throw new RefusedContent(HTML_PAGE_REASON, true);
  if (download.format === "geojson") return proveGeojson(file);

  try {
    // A gzip file is read to its end: zlib checks its length and checksum, so a cut one is caught here.
    if (head[0] === 0x1f && head[1] === 0x8b) await readToEnd(file);
    const detection = await detectSource(file);
    const found = detection.loader.description.id;
    if (found !== download.source) {
      const expected = loaders.find((l) => l.description.id === download.source)?.description.label ?? download.source;
      throw refused(`le fichier reçu est un fichier « ${found} » (${detection.loader.description.label}), pas « ${download.source} » (${expected})`);
    }
  } catch (e) {
    if (e instanceof DownloadError) throw e;
    if (e instanceof LoadError) throw refused(e.problem.message);
    throw refused((e as Error).message);
  }
}

function refused(why: string): RefusedContent {
  return new RefusedContent(why);
}

export async function readHead(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An HTML document: its first tag (after a BOM, blanks or comments) is a doctype, <html>, <head> or <body>. */
export function looksLikeHtml(head: Buffer): boolean {
  const text = head.toString("latin1").replace(/^\xef\xbb\xbf/, "").replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, "");
  return /^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text);
}

async function proveGeojson(file: string): Promise<void> {
  let parsed: unknown;
  try {
    // Bounded by the source's size cap, already enforced while downloading; the site reads it the same way.
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw refused(`GeoJSON illisible (${(e as Error).message})`);
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features) || collection.features.length === 0)
    throw refused("le fichier reçu n'est pas une collection GeoJSON de contours (FeatureCollection avec au moins un contour)");
}
