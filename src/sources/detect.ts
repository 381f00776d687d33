// Recognises the source of a file from its content, never its name: an xlsx is told by its zip signature
// (`PK`) and offered to the xlsx loaders with its sheets' header rows; any other file is decoded and its
// header line offered to the csv loaders.
import { parseHeaderLine } from "../io/csv.ts";
import { readFirstLine, readPrefix } from "../io/read-text.ts";
import { openXlsxSheet } from "../io/xlsx.ts";
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
    prefix = await readPrefix(file, 4);
  } catch {
    throw new LoadError({ file, line: 1, column: "", message: "fichier illisible ou introuvable" });
  }
  const format = isZip(prefix) ? "xlsx" : "csv";
  const candidates = loaders.filter((l) => l.format === format);
  const headers = await readHeaders(file, format, candidates);

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
