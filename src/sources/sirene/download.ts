// Where the Sirene files are downloaded from: Sirene géolocalisée (Etalab) on files.data.gouv.fr, one gzip CSV per
// département, no filtering possible. Kept compressed (the loaders read .gz files directly): a few tens of Mo
// instead of a few hundred.
import { location, type SourceDownload } from "../download.ts";

export const download: SourceDownload<"sirene"> = {
  source: "sirene",
  defaultBase: "https://files.data.gouv.fr",
  needsBase: true,
  // About 300 Mo compressed for the largest département (Paris).
  maxMegabytes: 3000,
  files: ({ base, departements }) =>
    departements.map((dep) => ({
      id: `sirene-${dep}`,
      source: "sirene",
      label: `Sirene géolocalisée – établissements du ${dep}`,
      locations: base ? [location([`${base}/geo-sirene/last/dep/geo_siret_${dep}.csv.gz`])] : [],
      target: `sources/sirene-etablissements-${dep}.csv.gz`,
      replaces: [`sources/sirene-etablissements-${dep}.csv`],
      format: "csv",
    })),
};
