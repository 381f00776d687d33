// Where the vocational schools' file is downloaded from: the Opendatasoft export of the Éducation nationale, filtered
// by département code; should the server refuse the filter or return nothing, the national export (about 60 Mo),
// which the loader filters itself.
import { location, type SourceDownload } from "../download.ts";
import { odsExportUrl, odsqlIn } from "../opendatasoft.ts";

const DATASET = "fr-en-lycee_pro-effectifs-niveau-sexe-mef";

/**
 * The Éducation nationale datasets write département codes on three characters (`002`) in some files and
 * two (`02`) in others; both are sent, so the filter matches whichever this dataset uses.
 */
export function educationDepartementCodes(code: string): string[] {
  return /^\d\d$/.test(code) ? [code, `0${code}`] : [code];
}

export const download: SourceDownload<"lycees_pro"> = {
  source: "lycees_pro",
  defaultBase: "https://data.education.gouv.fr",
  needsBase: true,
  maxMegabytes: 1000,
  files: ({ base, departements }) => {
    const codes = departements.flatMap(educationDepartementCodes);
    return [
      {
        id: "lycees_pro",
        source: "lycees_pro",
        label: "Éducation nationale – effectifs des lycées professionnels",
        locations: base ? [location([odsExportUrl(base, DATASET, odsqlIn("code_departement", codes))], { serverFiltered: true }), location([odsExportUrl(base, DATASET)])] : [],
        target: `sources/${DATASET}.csv`,
        format: "csv",
      },
    ];
  },
};
