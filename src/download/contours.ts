// The administrative contours (etalab, national, simplified to 1 000 m: a few Mo), decompressed for the site's map:
// downloaded with the sources, but not a source of indicators (src/site/parts/contours.ts reads them).
import type { FileDownload } from "../sources/download.ts";
import { location } from "../sources/download.ts";
import type { DownloadSettings } from "./settings.ts";

export function contoursDownloads(settings: DownloadSettings): FileDownload<"contours">[] {
  const base = settings.bases.contours;
  return (["communes", "epci"] as const).map((level) => ({
    id: `contours-${level}`,
    source: "contours",
    label: `Contours administratifs ${settings.contoursYear} – ${level === "communes" ? "communes" : "EPCI"}`,
    locations: base
      ? [location([`${base}/contours-administratifs/${settings.contoursYear}/geojson/${level}-1000m.geojson.gz`], { gunzip: true, millesime: String(settings.contoursYear) })]
      : [],
    target: `contours/${level}-1000m.geojson`,
    format: "geojson",
  }));
}
