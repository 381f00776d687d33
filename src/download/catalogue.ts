// The official files to download for a territory: one entry per file written under data/, each with
// the request(s) that produce it. Where the producer's API can filter (Opendatasoft exports), the
// territory's communes or départements are sent as an ODSQL `where`, so that only a few hundred
// kilobytes travel instead of national files.
import { createRequire } from "node:module";
import type { Territory } from "../territory/territory.ts";
import { envName, type DownloadSettings, type SourceId } from "./settings.ts";

const require = createRequire(import.meta.url);

export interface Download {
  /** Unique id, selectable with --source (e.g. `sirene-02`); the source id selects all its files. */
  id: string;
  /** Manifest source id, shared with the loaders (urssaf, sirene, ...). */
  source: SourceId;
  label: string;
  /** URLs whose bodies, concatenated (header line kept once for CSV), make the file. Empty if not configured. */
  urls: string[];
  /** Path relative to the data folder, forward slashes (`sources/...` or `contours/...`). */
  target: string;
  format: "csv" | "xlsx" | "geojson";
  /** The body is a .gz file to decompress while streaming. */
  gunzip: boolean;
  /** The producer filters to the territory before sending. */
  serverFiltered: boolean;
  millesime: string | null;
  /** Set when the source cannot be downloaded as configured: the French reason. */
  notConfigured?: string;
}

// Dataset identifiers on the Opendatasoft portals.
const URSSAF_DATASET = "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last";
const DARES_DATASET = "dares_defm_communales-brutes";
const LYCEES_DATASET = "fr-en-lycee_pro-effectifs-niveau-sexe-mef";

/** An ODSQL string literal: double quotes, with backslash and double quote escaped. */
export function odsqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `field in ("a", "b")`: ODSQL list membership, as used on the v2.1 exports endpoint. */
export function odsqlIn(field: string, values: string[]): string {
  return `${field} in (${values.map(odsqlString).join(", ")})`;
}

/** The CSV export URL of an Opendatasoft v2.1 dataset, `;`-separated, optionally filtered. */
export function odsExportUrl(base: string, dataset: string, where?: string): string {
  // encodeURIComponent rather than URLSearchParams: spaces become %20, never `+`, which some
  // proxies and servers do not decode as a space in a path-style query.
  const query = [`delimiter=${encodeURIComponent(";")}`];
  if (where) query.push(`where=${encodeURIComponent(where)}`);
  return `${base}/api/explore/v2.1/catalog/datasets/${dataset}/exports/csv?${query.join("&")}`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface RawDepartement {
  code: string;
  nom: string;
}

let departementNames: Map<string, string> | undefined;
function departementName(code: string): string | undefined {
  departementNames ??= new Map((require("@etalab/decoupage-administratif/data/departements.json") as RawDepartement[]).map((d) => [d.code, d.nom]));
  return departementNames.get(code);
}

/**
 * The Éducation nationale files write the département name in upper case (`AISNE`). Whether accents
 * are kept is not documented (no example with an accent was found), so both spellings are sent.
 */
export function educationDepartementNames(code: string): string[] {
  const name = departementName(code);
  if (!name) return [];
  const upper = name.toLocaleUpperCase("fr-FR");
  const plain = upper.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return upper === plain ? [upper] : [upper, plain];
}

export function buildCatalogue(territory: Territory, settings: DownloadSettings): Download[] {
  const communes = territory.communes.map((c) => c.code);
  const departements = [...new Set(territory.communes.map((c) => c.departement))].sort();
  const { bases } = settings;
  const out: Download[] = [];
  // A source without a URL stays in the list, marked, so that the summary says what to configure.
  const configured = (source: SourceId): { notConfigured?: string } =>
    bases[source] ? {} : { notConfigured: `adresse non configurée : définissez ${envName(source)} ou « ${source} » dans data/sources-urls.json` };
  // Opendatasoft exports filtered by commune code, split so that no URL gets too long for the server.
  const byCommunes = (base: string | undefined, dataset: string): string[] =>
    base ? chunk(communes, settings.communesPerRequest).map((codes) => odsExportUrl(base, dataset, odsqlIn("code_commune", codes))) : [];

  // URSSAF: Opendatasoft export, filtered by commune code (the file has `code_commune`).
  out.push({
    id: "urssaf",
    source: "urssaf",
    label: "URSSAF – établissements et effectifs salariés (commune x APE)",
    urls: byCommunes(bases.urssaf, URSSAF_DATASET),
    target: "sources/urssaf-etablissements-effectifs-commune-ape.csv",
    format: "csv",
    gunzip: false,
    serverFiltered: true,
    millesime: null,
    ...configured("urssaf"),
  });

  // Sirene géolocalisée (Etalab): one gzip CSV per département, no filtering possible.
  for (const dep of departements) {
    out.push({
      id: `sirene-${dep}`,
      source: "sirene",
      label: `Sirene géolocalisée – établissements du ${dep}`,
      urls: bases.sirene ? [`${bases.sirene}/geo-sirene/last/dep/geo_siret_${dep}.csv.gz`] : [],
      target: `sources/sirene-etablissements-${dep}.csv`,
      format: "csv",
      gunzip: true,
      serverFiltered: false,
      millesime: null,
      ...configured("sirene"),
    });
  }

  // Cerema ENAF: one national CSV per vintage; the URL changes with each vintage (see settings.ts).
  const ceremaUrl = bases.cerema;
  out.push({
    id: "cerema",
    source: "cerema",
    label: "Cerema – consommation d'espaces NAF par commune",
    urls: ceremaUrl ? [ceremaUrl] : [],
    target: "sources/cerema-conso-espaces-communes.csv",
    format: "csv",
    gunzip: ceremaUrl ? /\.gz($|\?)/i.test(ceremaUrl) : false,
    serverFiltered: false,
    millesime: null,
    ...configured("cerema"),
  });

  // DARES job seekers: Opendatasoft export, filtered by commune code.
  out.push({
    id: "dares",
    source: "dares",
    label: "DARES – demandeurs d'emploi par commune",
    urls: byCommunes(bases.dares, DARES_DATASET),
    target: "sources/dares-defm-communes.csv",
    format: "csv",
    gunzip: false,
    serverFiltered: true,
    millesime: null,
    ...configured("dares"),
  });

  // Vocational schools: Opendatasoft export, filtered by département name (the file has no code
  // commune; the loader matches commune names within the département).
  const names = departements.flatMap(educationDepartementNames);
  out.push({
    id: "lycees_pro",
    source: "lycees_pro",
    label: "Éducation nationale – effectifs des lycées professionnels",
    urls: bases.lycees_pro ? [odsExportUrl(bases.lycees_pro, LYCEES_DATASET, names.length > 0 ? odsqlIn("departement", names) : undefined)] : [],
    target: `sources/${LYCEES_DATASET}.csv`,
    format: "csv",
    gunzip: false,
    serverFiltered: names.length > 0,
    millesime: null,
    ...configured("lycees_pro"),
  });

  // BMO: one national xlsx per survey year.
  for (const year of settings.bmoYears) {
    out.push({
      id: `bmo-${year}`,
      source: "bmo",
      label: `France Travail – besoins en main-d'œuvre ${year}`,
      urls: bases.bmo
        ? [`${bases.bmo}/files/live/sites/peorg/files/documents/Statistiques-et-analyses/Open-data/BMO/Base_open_data_BMO_${year}.xlsx`]
        : [],
      target: `sources/Base_open_data_BMO_${year}.xlsx`,
      format: "xlsx",
      gunzip: false,
      serverFiltered: false,
      millesime: String(year),
      ...configured("bmo"),
    });
  }

  // Contours: national, simplified to 1 000 m (a few MB), decompressed for the site.
  for (const level of ["communes", "epci"] as const) {
    out.push({
      id: `contours-${level}`,
      source: "contours",
      label: `Contours administratifs ${settings.contoursYear} – ${level === "communes" ? "communes" : "EPCI"}`,
      urls: bases.contours ? [`${bases.contours}/contours-administratifs/${settings.contoursYear}/geojson/${level}-1000m.geojson.gz`] : [],
      target: `contours/${level}-1000m.geojson`,
      format: "geojson",
      gunzip: true,
      serverFiltered: false,
      millesime: String(settings.contoursYear),
      ...configured("contours"),
    });
  }
  return out;
}

/** Keeps the downloads named by `--source` (file ids or source ids); unknown names are an error. */
export function selectDownloads(all: Download[], names: string[] | undefined): { selected: Download[]; unknown: string[] } {
  if (!names || names.length === 0) return { selected: all, unknown: [] };
  const unknown = names.filter((n) => !all.some((d) => d.id === n || d.source === n));
  return { selected: all.filter((d) => names.includes(d.id) || names.includes(d.source)), unknown };
}
