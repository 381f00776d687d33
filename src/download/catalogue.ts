// The official files to download for a territory: one entry per file written under data/, each with
// the request(s) that produce it. Where the producer's API can filter (Opendatasoft exports), the
// territory's communes or départements are sent as an ODSQL `where`, so that only a few hundred
// kilobytes travel instead of national files.
import type { Territory } from "../territory/territory.ts";
import { DEFAULT_BASES, envName, type DownloadedId, type DownloadSettings } from "./settings.ts";

/** What the data.gouv.fr catalogue is asked before the addresses known in advance (discovery.ts asks it). */
export type Discovery =
  | { kind: "cerema-datagouv"; api: string }
  | { kind: "bmo-datagouv"; api: string; year: number }
  | { kind: "cartofriches-datagouv"; api: string }
  /** The ANCT dataset of the Territoires d'industrie: several files, fetched by territoires-industrie.ts. */
  | { kind: "ti-datagouv"; api: string };

/** One place a file can be fetched from. */
export interface Location {
  /** URLs whose bodies, concatenated (header line kept once for CSV), make the file. */
  urls: string[];
  /** The body is a .gz file to decompress while streaming. */
  gunzip: boolean;
  /**
   * The body is a zip archive holding the file: the member to keep is the largest one matching the first
   * pattern that matches any member.
   */
  zipMember?: RegExp[];
  /** The producer filters to the territory before sending. */
  serverFiltered: boolean;
  /** The communes an export filtered by commune was asked for: one of them without a row has none (coverage.ts). */
  communes?: string[];
  millesime: string | null;
  /** Found in the data.gouv.fr catalogue: any failure there moves on to the addresses known in advance. */
  fromCatalogue?: boolean;
}

export interface Download {
  /** Unique id, selectable with --source (e.g. `sirene-02`); the source id selects all its files. */
  id: string;
  /** Manifest source id, shared with the loaders (urssaf, sirene, ...); territoires_industrie: the programme's list. */
  source: DownloadedId | "territoires_industrie";
  label: string;
  /**
   * Where the file is found, best first. The next location is tried only when the server says the
   * previous one does not exist or refuses its filter (HTTP 400, 404, 410), or when a filtered CSV comes
   * back without a single row, or when the previous one came from the catalogue; any other failure
   * (network, 5xx, cut transfer) is reported as it is.
   * Empty when not configured.
   */
  locations: Location[];
  /** Ask the data.gouv.fr catalogue where the file is before trying `locations` (see discovery.ts). */
  discovery?: Discovery;
  /** An annual publication that may not be out yet this year: 404 everywhere is not a failure. */
  mayBeUnpublished?: boolean;
  /** Files this one supersedes (older names of the same download), removed once it is in place. */
  replaces?: string[];
  /** Path relative to the data folder, forward slashes (`sources/...` or `contours/...`). */
  target: string;
  format: "csv" | "xlsx" | "geojson";
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

/**
 * The Éducation nationale datasets write département codes on three characters (`002`) in some files and
 * two (`02`) in others; both are sent, so the filter matches whichever this dataset uses.
 */
export function educationDepartementCodes(code: string): string[] {
  return /^\d\d$/.test(code) ? [code, `0${code}`] : [code];
}

/** Years of BMO surveys to fetch by default: from the territory's reference year (the open data starts in 2015) to this year. */
export function defaultBmoYears(territory: Territory, now: Date): number[] {
  const from = Math.max(BMO_FIRST_OPEN_DATA_YEAR, territory.referenceYear);
  const to = now.getFullYear();
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

const BMO_FIRST_OPEN_DATA_YEAR = 2015;
const BMO_PATH = "/files/live/sites/peorg/files/documents/Statistiques-et-analyses/Open-data/BMO";
/** Pôle emploi's former site, where the archives of earlier surveys were published. */
export const BMO_FORMER_BASE = "https://www.pole-emploi.org";
/** In a BMO archive, the open-data workbook; other members are notes and methodology. */
export const BMO_ARCHIVE_MEMBERS = [/base_open_data.*\.xlsx$/i, /bmo.*\.xlsx$/i, /\.xlsx$/i];

/**
 * The Cerema file of the 2025 vintage (flows 2011-2025, `conso_com.csv`, dataset 6a01b9280dd2d45907e5fc61
 * on data.gouv.fr), through data.gouv.fr's stable redirect to the latest upload of that resource.
 */
export const CEREMA_KNOWN_RESOURCE = "b258feec-f8ff-4e0a-93b3-baf1fe46ef66";
export const CEREMA_KNOWN_VINTAGE = "2025";

/**
 * The last Cartofriches export whose address public code gives (github.com/bpineau/gazetteer, dataset slug
 * sites-references-dans-cartofriches, export of 15 April 2026): data.gouv.fr gives each export a new dated path, so
 * the dataset's resources are asked first (discover-cartofriches.ts). Not tried from the build machines.
 */
export const CARTOFRICHES_KNOWN_PATH = "/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv";
export const CARTOFRICHES_KNOWN_VINTAGE = "2026-04-15";

export interface CatalogueOptions {
  /** The whole URSSAF dataset instead of the territory's communes (see national-urssaf.ts). */
  urssafNational?: boolean;
}

export function buildCatalogue(territory: Territory, settings: DownloadSettings, now = new Date(), options: CatalogueOptions = {}): Download[] {
  const communes = territory.communes.map((c) => c.code);
  const departements = [...new Set(territory.communes.map((c) => c.departement))].sort();
  const { bases } = settings;
  const out: Download[] = [];
  // A source without a URL stays in the list, marked, so that the summary says what to configure.
  const configured = (source: DownloadedId): { notConfigured?: string } =>
    bases[source] ? {} : { notConfigured: `adresse non configurée : définissez ${envName(source)} ou « ${source} » dans data/sources-urls.json` };
  const location = (urls: string[], more: Partial<Location> = {}): Location => ({ urls, gunzip: false, serverFiltered: false, millesime: null, ...more });
  const onlyIf = (base: string | undefined, make: (base: string) => Location[]): Location[] => (base ? make(base) : []);
  // Opendatasoft exports filtered by commune code, split so that no URL gets too long for the server.
  const byCommunes = (base: string, dataset: string): string[] =>
    chunk(communes, settings.communesPerRequest).map((codes) => odsExportUrl(base, dataset, odsqlIn("code_commune", codes)));

  // URSSAF: Opendatasoft export, filtered by commune code (the file has `code_commune`); or, for the reference
  // levels, the whole dataset (same file name: the territory's rows are in it, never twice).
  out.push({
    id: "urssaf",
    source: "urssaf",
    label: `URSSAF – établissements et effectifs salariés (commune x APE)${options.urssafNational ? ", export national" : ""}`,
    locations: onlyIf(bases.urssaf, (base) => [
      options.urssafNational ? location([odsExportUrl(base, URSSAF_DATASET)]) : location(byCommunes(base, URSSAF_DATASET), { serverFiltered: true, communes }),
    ]),
    target: "sources/urssaf-etablissements-effectifs-commune-ape.csv",
    format: "csv",
    ...configured("urssaf"),
  });

  // Sirene géolocalisée (Etalab): one gzip CSV per département, no filtering possible. Kept compressed
  // (the loaders read .gz files directly): a few tens of MB instead of a few hundred.
  for (const dep of departements) {
    out.push({
      id: `sirene-${dep}`,
      source: "sirene",
      label: `Sirene géolocalisée – établissements du ${dep}`,
      locations: onlyIf(bases.sirene, (base) => [location([`${base}/geo-sirene/last/dep/geo_siret_${dep}.csv.gz`])]),
      target: `sources/sirene-etablissements-${dep}.csv.gz`,
      replaces: [`sources/sirene-etablissements-${dep}.csv`],
      format: "csv",
      ...configured("sirene"),
    });
  }

  // Cerema ENAF: one national CSV per vintage, each vintage a new data.gouv.fr dataset. A configured URL
  // is used as is; otherwise the newest vintage is looked up in the data.gouv.fr catalogue, with the
  // known 2025 file as the fallback.
  const ceremaUrl = bases.cerema;
  const ceremaZip = ceremaUrl !== undefined && /\.zip($|\?)/i.test(ceremaUrl);
  out.push({
    id: "cerema",
    source: "cerema",
    label: "Cerema – consommation d'espaces NAF par commune",
    locations: ceremaUrl
      ? [location([ceremaUrl], { gunzip: /\.gz($|\?)/i.test(ceremaUrl), ...(ceremaZip ? { zipMember: CEREMA_ARCHIVE_MEMBERS } : {}) })]
      : [location([`${settings.datagouv}/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`], { millesime: CEREMA_KNOWN_VINTAGE })],
    ...(ceremaUrl ? {} : { discovery: { kind: "cerema-datagouv" as const, api: settings.datagouv } }),
    target: "sources/cerema-conso-espaces-communes.csv",
    format: "csv",
  });

  // DARES job seekers: Opendatasoft export, filtered by commune code.
  out.push({
    id: "dares",
    source: "dares",
    label: "DARES – demandeurs d'emploi par commune",
    locations: onlyIf(bases.dares, (base) => [location(byCommunes(base, DARES_DATASET), { serverFiltered: true, communes })]),
    target: "sources/dares-defm-communes.csv",
    format: "csv",
    ...configured("dares"),
  });

  // Vocational schools: Opendatasoft export filtered by département code; should the server refuse the
  // filter or return nothing, the national export (about 60 MB), which the loader filters itself.
  const codes = departements.flatMap(educationDepartementCodes);
  out.push({
    id: "lycees_pro",
    source: "lycees_pro",
    label: "Éducation nationale – effectifs des lycées professionnels",
    locations: onlyIf(bases.lycees_pro, (base) => [
      location([odsExportUrl(base, LYCEES_DATASET, odsqlIn("code_departement", codes))], { serverFiltered: true }),
      location([odsExportUrl(base, LYCEES_DATASET)]),
    ]),
    target: `sources/${LYCEES_DATASET}.csv`,
    format: "csv",
    ...configured("lycees_pro"),
  });

  // BMO: one national workbook per survey year: an xlsx for recent years, a zip archive holding it for
  // earlier ones (on francetravail.org, or on the former pole-emploi.org for the oldest). The address
  // France Travail's data.gouv.fr dataset gives for the year comes first.
  const thisYear = now.getFullYear();
  for (const year of settings.bmoYears ?? defaultBmoYears(territory, now)) {
    const millesime = String(year);
    out.push({
      id: `bmo-${year}`,
      source: "bmo",
      label: `France Travail – besoins en main-d'œuvre ${year}`,
      locations: onlyIf(bases.bmo, (base) => [
        location([`${base}${BMO_PATH}/Base_open_data_BMO_${year}.xlsx`], { millesime }),
        location([`${base}${BMO_PATH}/Donnees_consolidees_${year}.zip`], { millesime, zipMember: BMO_ARCHIVE_MEMBERS }),
        ...(base === DEFAULT_BASES.bmo ? [location([`${BMO_FORMER_BASE}${BMO_PATH}/Donnees_consolidees_${year}.zip`], { millesime, zipMember: BMO_ARCHIVE_MEMBERS })] : []),
      ]),
      // The catalogue is asked only for the producer's own addresses: a mirror serves what it serves.
      ...(bases.bmo === DEFAULT_BASES.bmo ? { discovery: { kind: "bmo-datagouv" as const, api: settings.datagouv, year } } : {}),
      mayBeUnpublished: year >= thisYear,
      target: `sources/Base_open_data_BMO_${year}.xlsx`,
      format: "xlsx",
      ...configured("bmo"),
    });
  }

  // Cartofriches: one national CSV in the CNIG « friches » standard (no filtering possible; the loader keeps the
  // territory's sites and notes the départements the file covers). The data.gouv.fr dataset is asked for the export
  // of the day when the address is data.gouv.fr's own; a mirror serves what it serves.
  out.push({
    id: "cartofriches",
    source: "cartofriches",
    label: "Cerema – friches recensées par Cartofriches",
    locations: onlyIf(bases.cartofriches, (base) => [location([`${base}${CARTOFRICHES_KNOWN_PATH}`], { millesime: CARTOFRICHES_KNOWN_VINTAGE })]),
    ...(bases.cartofriches === DEFAULT_BASES.cartofriches ? { discovery: { kind: "cartofriches-datagouv" as const, api: settings.datagouv } } : {}),
    target: "sources/cartofriches-friches-standard.csv",
    format: "csv",
    ...configured("cartofriches"),
  });

  // Contours: national, simplified to 1 000 m (a few MB), decompressed for the site.
  for (const level of ["communes", "epci"] as const) {
    out.push({
      id: `contours-${level}`,
      source: "contours",
      label: `Contours administratifs ${settings.contoursYear} – ${level === "communes" ? "communes" : "EPCI"}`,
      locations: onlyIf(bases.contours, (base) => [
        location([`${base}/contours-administratifs/${settings.contoursYear}/geojson/${level}-1000m.geojson.gz`], {
          gunzip: true,
          millesime: String(settings.contoursYear),
        }),
      ]),
      target: `contours/${level}-1000m.geojson`,
      format: "geojson",
      ...configured("contours"),
    });
  }

  out.push(territoryListDownload(settings));
  return out;
}

/**
 * The list of Territoires d'industrie (ANCT): several files per phase, found in the data.gouv.fr catalogue and
 * derived into the list in use (see territoires-industrie.ts); not a source of indicators, and not tied to the
 * territory (the refresh fetches it before reading the territory).
 */
export function territoryListDownload(settings: DownloadSettings): Download {
  return {
    id: "territoires-industrie",
    source: "territoires_industrie",
    label: "ANCT – liste des Territoires d'industrie (territoires, groupements, communes)",
    locations: [],
    discovery: { kind: "ti-datagouv", api: settings.datagouv },
    target: "territoires-industrie/",
    format: "csv",
  };
}

/** In a Cerema archive (older vintages were zipped), the commune CSV. */
export const CEREMA_ARCHIVE_MEMBERS = [/conso[_-]?com[^/]*\.csv$/i, /\.csv$/i];

/** Keeps the downloads named by `--source` (file ids or source ids); unknown names are an error. */
export function selectDownloads(all: Download[], names: string[] | undefined): { selected: Download[]; unknown: string[] } {
  if (!names || names.length === 0) return { selected: all, unknown: [] };
  const unknown = names.filter((n) => !all.some((d) => d.id === n || d.source === n));
  return { selected: all.filter((d) => names.includes(d.id) || names.includes(d.source)), unknown };
}
