// Cerema's Cartofriches: the brownfield sites (friches) in the CNIG « friches » standard export, loaded into table
// `friches` (the sites of the territory) and `friches_couverture` (the départements the file covers, and its vintage).
//
// Rules, row by row (each row is loaded, outside the territory, or rejected with its reason):
//   - a quote inside a quoted field is escaped with a backslash in the national export (`\"`): read as a quote.
//   - `NA` (like an empty cell) is an unknown value wherever it appears (src/io/values.ts): NULL, never 0 nor "NA".
//   - comm_insee: normalised by CommuneResolver (a lost leading zero is restored, `2691` -> `02691`; merged communes
//     follow their current commune); an absent, invalid or unknown code is rejected; a site of a commune outside the
//     territory is counted outside.
//   - site_id: required; a second row with the same site_id is rejected as a duplicate.
//   - site_statut: one of the four values of the standard (case and spacing aside): friche potentielle, friche avec
//     projet, friche sans projet, friche reconvertie; anything else (or NA) is rejected with the reason.
//   - site_identif_date, site_actu_date: JJ/MM/AAAA (real exports) or AAAA-MM-JJ (the standard); NA = unknown; any other
//     text rejects the row.
//   - site_type: `inconnu` or NA = unknown (NULL), counted in a note.
//   - unite_fonciere_surface: in m²; NA or empty = unknown (NULL, never 0); negative or not a number rejects the row.
//   - geompoint: WKT `POINT (longitude latitude)` in WGS84; NA = no position; an unreadable point (not a WKT point,
//     or coordinates out of range) leaves the position unknown, keeps the row, and is counted in a note.
//   - geomsurf (site polygons) is not loaded: the site pages place each site by its point.
// Vintage of the file = its newest site_actu_date (over every row read, in the territory or not); the indicators are
// those of that year. Coverage = every département with a row whose commune code is valid, so that a commune of a
// covered département without any site counts 0 sites, while a département absent from the file stays unknown.
import { DuckDBDateValue, type DuckDBAppender } from "@duckdb/node-api";
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { departementOfCommune } from "../../io/codes.ts";
import { MissingCounter, isoDate, parseDate, parseDecimal, parseText, parseWktPoint, type CalendarDate } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, duplicateReason } from "../../io/report.ts";
import { appendDoubleOrNull, appendTextOrNull, withAppender } from "../../io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

/** The header of the CNIG « friches » export, in its order (the demonstration generator writes it). */
export const CARTOFRICHES_HEADER = [
  "site_id", "site_nom", "site_type", "site_adresse", "site_identif_date", "site_actu_date", "site_url", "site_ademe_url",
  "site_securite", "site_occupation", "site_statut", "site_projet_url", "site_reconv_annee", "site_reconv_type",
  "activite_libelle", "activite_code", "activite_fin_annee", "comm_nom", "comm_insee", "bati_type", "bati_nombre",
  "bati_surface", "bati_pollution", "bati_vacance", "bati_patrimoine", "bati_etat", "local_ancien_annee",
  "local_recent_annee", "proprio_type", "proprio_personne", "proprio_nom", "sol_pollution_annee", "sol_pollution_existe",
  "sol_pollution_origine", "sol_pollution_commentaire", "sol_depollution_fiche", "unite_fonciere_surface",
  "unite_fonciere_refcad", "urba_zone_type", "urba_zone_lib", "urba_zone_formdomi", "urba_doc_type", "desserte_distance",
  "desserte_commentaire", "source_nom", "source_url", "source_producteur", "source_contact", "geompoint", "geomsurf",
] as const;

/** The columns the loader reads: a file of the standard lacking one of them cannot be loaded. */
const REQUIRED = [
  "site_id", "site_nom", "site_type", "site_identif_date", "site_actu_date", "site_statut", "comm_insee",
  "unite_fonciere_surface", "source_nom", "source_producteur", "geompoint",
];
/** Columns no other source has: two of them make a file a Cartofriches export, to be told what it lacks. */
const EVIDENCE = ["site_id", "site_nom", "site_statut", "site_actu_date", "comm_insee", "unite_fonciere_surface", "geompoint", "geomsurf", "site_reconv_annee"];

/** The four statuses of the standard, as stored in table `friches`. */
export const FRICHE_STATUSES = ["friche potentielle", "friche avec projet", "friche sans projet", "friche reconvertie"] as const;
export type FricheStatus = (typeof FRICHE_STATUSES)[number];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("geomsurf") ? "standard-cnig" : "standard-cnig-sans-contours" };
  return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

/** `friche  Avec projet` -> `friche avec projet`; undefined when not one of the four statuses. */
function status(text: string): FricheStatus | undefined {
  const v = text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  return FRICHE_STATUSES.find((s) => s === v);
}

const frenchDate = (d: CalendarDate) => `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
const later = (a: CalendarDate, b: CalendarDate | null) => b === null || isoDate(a) > isoDate(b);

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  // The national export escapes quotes inside quoted fields with a backslash (`"maison \"Les Opalines\""`).
  const csv = await openCsv(file, { backslashEscapedQuotes: true });
  requireRecognised(cartofriches, file, csv.header);
  const header = new Header(csv.header);
  const col = (name: string) => header.index(name);
  const [idI, nameI, typeI, identifiedI, updatedI, statusI, communeI, surfaceI, sourceI, producerI, pointI] = REQUIRED.map(col) as number[] as [
    number, number, number, number, number, number, number, number, number, number, number,
  ];

  const report = new ReportBuilder(file, "cartofriches");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const surfaces = new MissingCounter();
  const departements = new Set<string>();
  let newest: CalendarDate | null = null;
  let unknownType = 0;
  let noPoint = 0;
  const badPoints: number[] = [];

  await withAppender(ctx.db, "friches", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      // The vintage is the file's: every row with a readable update date counts, in the territory or not.
      const updated = parseDate(cell(cells, updatedI));
      if (updated.ok && updated.value && later(updated.value, newest)) newest = updated.value;

      const rawCommune = cell(cells, communeI);
      const commune = communes.resolve(parseText(rawCommune) ?? "");
      if (commune.kind === "rejected") {
        report.reject(line, "comm_insee", rawCommune, commune.reason);
        continue;
      }
      departements.add(departementOfCommune(commune.code));
      if (!commune.member) {
        report.outside();
        continue;
      }

      const rawId = cell(cells, idI);
      const id = parseText(rawId);
      if (id === null) {
        report.reject(line, "site_id", rawId, "identifiant du site absent");
        continue;
      }
      const rawStatus = cell(cells, statusI);
      const statusText = parseText(rawStatus);
      const statut = statusText === null ? undefined : status(statusText);
      if (!statut) {
        report.reject(line, "site_statut", rawStatus, statusText === null ? "statut du site absent" : `statut inconnu (attendu : ${FRICHE_STATUSES.join(", ")})`);
        continue;
      }
      if (!updated.ok) {
        report.reject(line, "site_actu_date", cell(cells, updatedI), updated.reason);
        continue;
      }
      const rawIdentified = cell(cells, identifiedI);
      const identified = parseDate(rawIdentified);
      if (!identified.ok) {
        report.reject(line, "site_identif_date", rawIdentified, identified.reason);
        continue;
      }
      const rawSurface = cell(cells, surfaceI);
      const surface = parseDecimal(rawSurface);
      if (!surface.ok) {
        report.reject(line, "unite_fonciere_surface", rawSurface, `surface de l'unité foncière : ${surface.reason} (m² attendus)`);
        continue;
      }
      const earlier = duplicates.check(id, line);
      if (earlier !== undefined) {
        report.reject(line, "site_id", rawId, duplicateReason(earlier));
        continue;
      }

      const point = parseWktPoint(cell(cells, pointI));
      if (!point.ok) badPoints.push(line);
      else if (point.value === null) noPoint++;
      const position = point.ok ? point.value : null;
      const type = parseText(cell(cells, typeI));
      const knownType = type !== null && type.toLowerCase() !== "inconnu" ? type : null;
      if (knownType === null) unknownType++;
      surfaces.add(surface.missing);

      appender.appendVarchar(id);
      appendTextOrNull(appender, parseText(cell(cells, nameI)) ?? "");
      appender.appendVarchar(commune.code);
      appender.appendVarchar(statut);
      appendTextOrNull(appender, knownType ?? "");
      appendDoubleOrNull(appender, surface.value);
      appendDoubleOrNull(appender, position?.longitude ?? null);
      appendDoubleOrNull(appender, position?.latitude ?? null);
      appendDate(appender, identified.value);
      appendDate(appender, updated.value);
      appendTextOrNull(appender, parseText(cell(cells, sourceI)) ?? "");
      appendTextOrNull(appender, parseText(cell(cells, producerI)) ?? "");
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  const vintage = newest as CalendarDate | null;
  const covered = [...departements].sort();
  if (vintage) {
    await withAppender(ctx.db, "friches_couverture", async (appender) => {
      for (const departement of covered) {
        appender.appendVarchar(departement);
        appender.appendInteger(vintage.year);
        appender.appendVarchar(file);
        appender.endRow();
      }
    });
  }

  for (const n of communes.notes()) report.note(n);
  if (surfaces.empty + surfaces.notAvailable + surfaces.secret > 0)
    report.note(`${surfaces.empty + surfaces.notAvailable + surfaces.secret} site(s) à la surface d'unité foncière non renseignée (NA ou vide) : surface inconnue, jamais comptée 0`);
  if (unknownType > 0) report.note(`${unknownType} site(s) de type « inconnu » ou non renseigné (NA) : type inconnu`);
  if (noPoint > 0) report.note(`${noPoint} site(s) sans position (geompoint non renseigné) : absents de la carte, présents dans la liste`);
  if (badPoints.length > 0)
    report.note(
      `${badPoints.length} position(s) illisible(s) (geompoint n'est pas un point WKT POINT (longitude latitude) en WGS84), lignes ${badPoints.slice(0, 10).join(", ")}${badPoints.length > 10 ? ", …" : ""} : sites chargés sans position`,
    );
  report.note("contours des sites (geomsurf) non chargés : chaque site est placé par sa position (geompoint)");
  if (vintage) {
    report.note(`millésime : date d'actualisation la plus récente du fichier, ${frenchDate(vintage)} (indicateurs de l'année ${vintage.year})`);
    report.note(`départements couverts par le fichier : ${covered.join(", ")} (une commune de ces départements sans site recensé compte 0 friche)`);
  } else {
    report.note("aucune date d'actualisation (site_actu_date) lisible : millésime inconnu, aucun indicateur n'est calculé à partir de ce fichier");
  }
  return report.build(vintage ? isoDate(vintage) : null, vintage ? [vintage.year, vintage.year] : null);
}

function appendDate(appender: DuckDBAppender, value: CalendarDate | null): void {
  if (value === null) appender.appendNull();
  else appender.appendDate(DuckDBDateValue.fromParts(value));
}

export const cartofriches: SourceLoader = { description, format: "csv", recognise, load };
export default cartofriches;

export { description };
