// Where the DARES file is downloaded from: the Opendatasoft export of job seekers by commune, filtered by commune code.
import { location, type SourceDownload } from "../download.ts";
import { odsExportUrlsByCommune } from "../opendatasoft.ts";

const DATASET = "dares_defm_communales-brutes";

export const download: SourceDownload<"dares"> = {
  source: "dares",
  defaultBase: "https://data.dares.travail-emploi.gouv.fr",
  needsBase: true,
  // A national export of a few hundred Mo at most when the filter is refused.
  maxMegabytes: 2000,
  files: ({ base, communes, communesPerRequest }) => [
    {
      id: "dares",
      source: "dares",
      label: "DARES – demandeurs d'emploi par commune",
      locations: base ? [location(odsExportUrlsByCommune(base, DATASET, communes, communesPerRequest), { serverFiltered: true, communes })] : [],
      target: "sources/dares-defm-communes.csv",
      format: "csv",
    },
  ],
};
