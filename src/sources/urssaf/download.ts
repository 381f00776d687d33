// Where the URSSAF file is downloaded from: the Opendatasoft export of open.urssaf.fr, filtered by commune code (the
// file has `code_commune`); or, for the reference levels (`--urssaf-national`), the whole dataset under the same file
// name (the territory's rows are in it, never twice).
import { location, type SourceDownload } from "../download.ts";
import { odsExportUrl, odsExportUrlsByCommune } from "../opendatasoft.ts";
import { nationalUrssaf } from "./national.ts";

const DATASET = "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last";

export const download: SourceDownload<"urssaf"> = {
  source: "urssaf",
  defaultBase: "https://open.urssaf.fr",
  needsBase: true,
  // A national export of a few hundred Mo (about 500 Mo in 2026).
  maxMegabytes: 2000,
  national: nationalUrssaf,
  files: ({ base, communes, communesPerRequest, national }) => [
    {
      id: "urssaf",
      source: "urssaf",
      label: `URSSAF – établissements et effectifs salariés (commune x APE)${national ? ", export national" : ""}`,
      locations: base
        ? [national ? location([odsExportUrl(base, DATASET)]) : location(odsExportUrlsByCommune(base, DATASET, communes, communesPerRequest), { serverFiltered: true, communes })]
        : [],
      target: "sources/urssaf-etablissements-effectifs-commune-ape.csv",
      format: "csv",
    },
  ],
};
