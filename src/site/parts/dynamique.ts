// Data of the page « Dynamique de l'emploi » (docs/dynamique-emploi.md): dynamique.json
//   disponible       a national URSSAF file is loaded (France and the reference levels exist)
//   territoire, annee_reference, derniere_annee
//   source           URSSAF producer, dataset, vintage, licence; demonstration or not
//   decomposition    decomposition-emploi.csv's rows (territory and EPCIs, reference year -> each later year)
//   lectures         the plain French reading of each TOTAL row, by level and code, for the last year
//   quotients        location quotients of the territory's sectors, reference and last year
//   series           the territory beside its départements, région(s), France and the comparables' median
//   comparables, ecarts  the comparison territories and the « écart aux territoires comparables »
//   secteurs         NA38 labels
import { description } from "../../sources/urssaf/source.ts";
import { readDecomposition } from "../../references/reading.ts";
import { NA38_LABELS } from "../../geography/naf-a38-labels.ts";
import type { SiteContext, SiteFile } from "../context.ts";

export async function dynamiqueFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const t = ctx.folder.territory;
  const refs = ctx.references;
  const files = ctx.folder.files.filter((f) => f.report?.source === "urssaf");
  const years = refs.series.filter((p) => p.niveau === "territoire").map((p) => p.annee);
  const last = years.length > 0 ? Math.max(...years) : null;
  const names = new Map<string, string>([[`territoire|${t.id}`, `le territoire ${t.nom}`], ...t.epcis.map((e) => [`epci|${e.siren}`, `l'EPCI ${e.nom}`] as [string, string])]);
  const lectures = refs.decomposition
    .filter((r) => r.secteur === "TOTAL" && r.annee_fin === last)
    .map((r) => ({ niveau: r.niveau, code_geo: r.code_geo, libelle: names.get(`${r.niveau}|${r.code_geo}`) ?? r.code_geo, texte: readDecomposition(r, names.get(`${r.niveau}|${r.code_geo}`) ?? r.code_geo) }));
  return {
    "dynamique.json": {
      disponible: refs.decomposition.length > 0,
      notes: refs.notes,
      territoire: { id: t.id, nom: t.nom, epcis: t.epcis.map((e) => ({ code: e.siren, nom: e.nom })) },
      annee_reference: t.referenceYear,
      derniere_annee: last,
      source: {
        producteur: description.producer,
        jeu_de_donnees: description.dataset,
        licence: description.licence,
        millesime: [...new Set(files.map((f) => f.report!.vintage).filter(Boolean))].join(", ") || null,
        demonstration: files.some((f) => f.demonstration),
      },
      france_inconnus: refs.franceUnknownCells,
      decomposition: refs.decomposition,
      lectures,
      quotients: refs.quotients.filter((q) => q.niveau === "territoire" && (q.annee === t.referenceYear || q.annee === last)),
      series: refs.series,
      comparables: refs.comparables,
      ecarts: refs.gaps,
      secteurs: NA38_LABELS,
    },
  };
}
