// Recognises the source of a file from its content, never its name: an xlsx is told by its zip signature
// (`PK`) and offered to the xlsx loaders with its sheets' header rows; any other file is decoded (and
// decompressed first when it is gzip) and its header line offered to the csv loaders. A zip archive that
// is not a workbook (a zipped csv) is refused with what it holds.
import { parseHeaderLine } from "../io/csv.ts";
import { readFirstLine, readPrefix } from "../io/read-text.ts";
import { openXlsxSheet } from "../io/xlsx.ts";
import { zipEntryNames } from "../io/zip.ts";
import { isParquet, parquetColumns } from "../io/parquet.ts";
import { describeColumns, headerProblemMessage } from "../io/header.ts";
import { loaders as allLoaders } from "./registry.ts";
import { LoadError, type SourceLoader } from "./types.ts";

export interface Detection {
  loader: SourceLoader;
  variant: string;
  /** The header row the decision was made on. */
  header: string[];
}

const isZip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK"
const SHOWN_ENTRIES = 5;

/**
 * Refuses a zip archive that is not an xlsx workbook (neither `xl/workbook.xml` nor `[Content_Types].xml`),
 * naming what it holds: otherwise exceljs finds no sheet and the file would be "unknown" for no visible reason.
 * An archive whose directory cannot be read is left to exceljs, which says why.
 */
async function requireWorkbook(file: string): Promise<void> {
  const names = await zipEntryNames(file);
  if (!names || names.includes("xl/workbook.xml") || names.includes("[Content_Types].xml")) return;
  const files = names.filter((n) => !n.endsWith("/")); // not the folders
  const shown = files.slice(0, SHOWN_ENTRIES).join(", ") + (files.length > SHOWN_ENTRIES ? ", …" : "");
  const message =
    files.length === 0
      ? "archive zip vide, qui n'est pas un classeur xlsx"
      : files.length === 1
        ? `archive zip qui n'est pas un classeur xlsx : extrayez le fichier qu'elle contient (${shown}) dans data/sources/, puis retirez l'archive`
        : `archive zip qui n'est pas un classeur xlsx : extrayez le fichier de données qu'elle contient (${files.length} fichiers : ${shown}) dans data/sources/, puis retirez l'archive`;
  throw new LoadError({ file, line: 1, column: "", message });
}

/** Compound File Binary (OLE2) signature: legacy .xls workbooks, and xlsx workbooks protected by a password. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le"); // the stream an encrypted workbook holds

/**
 * Refuses, with what to do, the files that are neither text nor an xlsx workbook, instead of "source non reconnue"
 * followed by binary garbage: a workbook protected by a password (Excel encrypts it into an OLE container), a
 * legacy .xls workbook, a UTF-16 text, any other binary file.
 */
async function refuseBinary(file: string, prefix: Buffer): Promise<void> {
  const refuse = (message: string): never => {
    throw new LoadError({ file, line: 1, column: "", message });
  };
  if (prefix.subarray(0, 8).equals(CFB)) {
    const head = await readPrefix(file, 1 << 16);
    if (head.includes(ENCRYPTED_PACKAGE) || head.includes(Buffer.from("EncryptionInfo", "utf16le")))
      refuse("classeur protégé par un mot de passe : il ne peut pas être lu. Ouvrez-le dans Excel ou LibreOffice, retirez le mot de passe (Fichier > Informations > Protéger le classeur), enregistrez-le au format xlsx, puis remettez-le dans data/sources/");
    refuse("classeur Excel à l'ancien format .xls (ou autre document OLE) : enregistrez-le au format xlsx ou csv, puis remettez-le dans data/sources/");
  }
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff))
    refuse("texte encodé en UTF-16 : enregistrez-le en UTF-8 (ou « CSV UTF-8 » dans Excel), puis remettez-le dans data/sources/");
  if (isZip(prefix)) return;
  const head = await readPrefix(file, 4096);
  if (head.includes(0)) refuse("fichier binaire (octets nuls) : ni un texte CSV, ni un classeur xlsx");
}

/** Headers to offer: the header line of a csv, or the header row of the first sheet a loader knows. */
async function readHeaders(file: string, format: "csv" | "xlsx", candidates: readonly SourceLoader[]): Promise<string[][]> {
  if (format === "csv") return [parseHeaderLine(await readFirstLine(file))];
  const seen: string[][] = [];
  try {
    await openXlsxSheet(file, (_name, header) => {
      seen.push(header);
      return candidates.some((l) => l.recognise(header).kind !== "no");
    });
  } catch (e) {
    if (e instanceof LoadError) throw e; // a workbook past the reading bounds, said as such
    throw new LoadError({ file, line: 1, column: "", message: `classeur xlsx illisible (${(e as Error).message})` });
  }
  return seen;
}

/**
 * Finds the loader of a file. Throws LoadError (in French) when no loader reads it: with the missing
 * columns when the file looks like a known source, otherwise with the list of sources tried.
 */
export async function detectSource(file: string, loaders: readonly SourceLoader[] = allLoaders): Promise<Detection> {
  let prefix: Buffer;
  try {
    prefix = await readPrefix(file, 8);
  } catch (e) {
    if (e instanceof LoadError) throw e; // a cut gzip file, said as such
    throw new LoadError({ file, line: 1, column: "", message: "fichier illisible ou introuvable" });
  }
  const parquet = await isParquet(file);
  if (!parquet) await refuseBinary(file, prefix);
  const format = parquet ? "parquet" : isZip(prefix) ? "xlsx" : "csv";
  if (format === "xlsx") await requireWorkbook(file);
  const candidates = loaders.filter((l) => (parquet ? l.parquet === true : l.format === format));
  const headers = parquet ? [await parquetColumns(file)] : await readHeaders(file, format as "csv" | "xlsx", candidates);

  let partial: { loader: SourceLoader; header: string[]; missing: string[] } | undefined;
  for (const header of headers) {
    for (const loader of candidates) {
      const recognition = loader.recognise(header);
      if (recognition.kind === "match") return { loader, variant: recognition.variant, header };
      if (recognition.kind === "missing" && !partial) partial = { loader, header, missing: recognition.missing };
    }
  }
  if (partial) throw new LoadError({ file, line: 1, column: partial.missing[0] ?? "", message: headerProblemMessage(partial.loader, partial.header, partial.missing) });

  const tried = candidates.map((l) => `${l.description.id} (${l.description.label})`).join(" ; ");
  const found = describeColumns(headers[0] ?? []);
  throw new LoadError({
    file,
    line: 1,
    column: "",
    message: `source non reconnue : l'en-tête ne correspond à aucune source connue. Sources essayées (${format}) : ${tried}. Colonnes trouvées : ${found}`,
  });
}
