// The territory's brownfield sites as the pages show them (list, map, links with the action plan), read once from
// the loaded Cartofriches tables: the sites of the newest vintage year, one row per site.
// An action « names » a site when every distinctive word of the site's name appears, as a whole word, in the
// action's title or description (case and accents aside): « Ancienne usine Flodor » -> {flodor}, found in
// « Reconquête de la friche industrielle Flodor ». Generic words (friche, ancienne, usine, site, activités...) do not
// count; the words of the site's commune do (« Ancien garage (Ham) » needs « garage » and « Ham ») but cannot be the
// only ones, so that « Friche de Tergnier » is not named by every action that mentions Tergnier.
import type { DataFolder } from "../pipeline/load-data-folder.ts";
import { FRICHES_SITES } from "../indicators/sql.ts";
import type { FricheStatus } from "../sources/cartofriches/loader.ts";

export interface FricheSite {
  id: string;
  nom: string | null;
  commune: string;
  commune_nom: string;
  epci: string;
  epci_nom: string;
  statut: FricheStatus;
  /** NULL when unknown (NA or « inconnu » in the file). */
  type: string | null;
  /** Land unit surface in hectares, null when unknown (never 0 for an unknown). */
  surface_ha: number | null;
  longitude: number | null;
  latitude: number | null;
  /** ISO date of the site's last update. */
  date_actualisation: string | null;
  /** source_nom, else source_producteur. */
  source: string | null;
}

export interface FricheSites {
  /** The vintage year shown (newest loaded), null when no Cartofriches file has one. */
  annee: number | null;
  sites: FricheSite[];
  /** Loaded files of that year (paths as the `fichier` column holds them). */
  fichiers: string[];
}

/** The sites of the newest vintage year, by commune name then site name. */
export async function readFricheSites(folder: DataFolder): Promise<FricheSites> {
  const db = folder.db;
  const year = (await db.runAndReadAll("SELECT max(annee) AS annee FROM friches_couverture")).getRowObjectsJS()[0]?.annee;
  if (year === null || year === undefined) return { annee: null, sites: [], fichiers: [] };
  const annee = Number(year);
  const rows = (
    await db.runAndReadAll(`SELECT site_id, nom, code_commune, statut, type, surface_m2, longitude, latitude,
                                   CAST(date_actualisation AS VARCHAR) AS date_actualisation, coalesce(source_nom, source_producteur) AS source
                            FROM ${FRICHES_SITES} s WHERE annee = $annee`, { annee })
  ).getRowObjectsJS();
  const fichiers = (await db.runAndReadAll("SELECT DISTINCT fichier FROM friches_couverture WHERE annee = $annee ORDER BY fichier", { annee })).getRowObjectsJS().map((r) => String(r.fichier));
  const communes = new Map(folder.territory.communes.map((c) => [c.code, c]));
  const epcis = new Map(folder.territory.epcis.map((e) => [e.siren, e.nom]));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const sites = rows.map((r): FricheSite => {
    const commune = communes.get(String(r.code_commune));
    const surface = num(r.surface_m2);
    return {
      id: String(r.site_id),
      nom: (r.nom as string | null) ?? null,
      commune: String(r.code_commune),
      commune_nom: commune?.nom ?? String(r.code_commune),
      epci: commune?.epci ?? "",
      epci_nom: epcis.get(commune?.epci ?? "") ?? "",
      statut: r.statut as FricheStatus,
      type: (r.type as string | null) ?? null,
      surface_ha: surface === null ? null : Math.round(surface * 100) / 1_000_000, // m² / 10 000, to the cm²
      longitude: num(r.longitude),
      latitude: num(r.latitude),
      date_actualisation: (r.date_actualisation as string | null) ?? null,
      source: (r.source as string | null) ?? null,
    };
  });
  sites.sort((a, b) => a.commune_nom.localeCompare(b.commune_nom, "fr") || (a.nom ?? "").localeCompare(b.nom ?? "", "fr") || a.id.localeCompare(b.id));
  return { annee, sites, fichiers };
}

/** Words that describe any brownfield, not one in particular. */
const GENERIC = new Set(
  ("friche friches ancienne anciennes ancien anciens ex usine usines site sites zone zones terrain terrains batiment batiments " +
    "local locaux entrepot entrepots parcelle parcelles ilot secteur quartier projet industrielle industriel industrielles " +
    "activite activites economique economiques " +
    "commerciale commercial agro potentielle reconvertie reconversion qualifier vacant vacants sans avec rue avenue route chemin place " +
    "de du des la le les et au aux sur en sous pour par a l d").split(" "),
);

/** Lower case, accents removed, split into words. */
function words(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/**
 * The words an action must contain to name the site: the non-generic words of its name; none when they are only
 * the words of its commune (the site cannot be named then).
 */
export function distinctiveWords(site: Pick<FricheSite, "nom" | "commune_nom">): string[] {
  if (!site.nom) return [];
  const town = new Set(words(site.commune_nom));
  const wanted = [...new Set(words(site.nom).filter((w) => w.length >= 3 && !GENERIC.has(w)))];
  return wanted.some((w) => !town.has(w)) ? wanted : [];
}

/** Whether an action's title or description names the site (see the rule at the top). */
export function namesSite(action: { titre: string; description: string }, site: Pick<FricheSite, "nom" | "commune_nom">): boolean {
  const wanted = distinctiveWords(site);
  if (wanted.length === 0) return false;
  const text = new Set(words(`${action.titre} ${action.description}`));
  return wanted.every((w) => text.has(w));
}
