// The national URSSAF export (`npm run data:refresh -- --urssaf-national`): the whole Opendatasoft dataset instead of
// the territory's communes, so that the reference levels (département, région, France, Territoires d'industrie), the
// employment decomposition and the comparison territories can be computed (src/references). What it costs is said
// before the transfer (an estimate) and after it (what it took).
//
// Size: about 1.2 million rows (commune x APE) of some 430 characters (two measures per year since 2006): about
// 500 Mo of CSV, sent uncompressed by the export endpoint. Once fetched, the file is refreshed as national by every
// later refresh (its address in the manifest has no filter), so that the references do not vanish silently; removing
// the file (and its manifest entry) goes back to the territory's extract.
import { formatNumber } from "../format/number.ts";
import type { ManifestEntry } from "../io/manifest.ts";

export const NATIONAL_URSSAF_MEGABYTES = 500;
export const NATIONAL_URSSAF_ROWS = 1_200_000;

/** "7 min", "40 s", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

const transferSeconds = (megabytes: number, megabitsPerSecond: number) => (megabytes * 8) / megabitsPerSecond;

/** Said before the transfer. */
export function announceNationalUrssaf(): string {
  const mb = NATIONAL_URSSAF_MEGABYTES;
  return (
    `URSSAF, export national : environ ${formatNumber(mb)} Mo (${formatNumber(NATIONAL_URSSAF_ROWS)} lignes commune x APE), ` +
    `soit environ ${formatDuration(transferSeconds(mb, 10))} à 10 Mbit/s, ${formatDuration(transferSeconds(mb, 100))} à 100 Mbit/s ; ` +
    "autant d'espace disque dans data/sources/ et dans le cache ; chaque calcul et chaque construction du site le relisent ensuite (temps et mémoire : npm run bench, ligne a2).\n"
  );
}

/** Said after the transfer: the size received and the time it took. */
export function reportNationalUrssaf(bytes: number, milliseconds: number): string {
  const mb = bytes / 1_000_000;
  const seconds = milliseconds / 1000;
  const rate = seconds > 0 ? ` (${formatNumber(mb / seconds, 1)} Mo/s)` : "";
  return `URSSAF, export national : ${formatNumber(mb, 1)} Mo en ${formatDuration(seconds)}${rate}.\n`;
}

/** Whether a manifest entry is the national export (an Opendatasoft export address without a filter). */
export function isNationalUrssafEntry(entry: Pick<ManifestEntry, "source" | "url">): boolean {
  return entry.source === "urssaf" && typeof entry.url === "string" && /\/exports\/csv\b/.test(entry.url) && !/[?&]where=/.test(entry.url);
}
