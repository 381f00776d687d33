// The geographies values are published for, and how a component (a value at one geography) feeds them.
// Built once per computation as temporary tables read by the generic engine:
//   ind_groups (niveau, code_geo, libelle_geo, n_unites)  the published geographies
//   ind_map    (nc, cc, niveau, code_geo)                 component at (nc, cc) contributes to group (niveau, code_geo)
//   ind_units  (nc, cc, unite)                            elementary units (communes, bassins) a component covers
// A group is complete for a year when the components feeding it cover all its units; otherwise it is partial.
// The territory level has one group per contract phase (code = the phase's territory code, e.g.
// saint-quentinois-tergnier and ti-3208), each made of the phase's own communes; an EPCI-level component feeds a
// phase's group when all the EPCI's communes of the folder belong to the phase. EPCIs and communes are shared.
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import type { Territory } from "../territory/territory.ts";
import type { BassinShare, Level } from "./types.ts";
import { withAppender } from "../io/appender.ts";

export interface GeographyIndex {
  /** "niveau|code" -> label and the "niveau|code" keys of the larger geographies containing it. */
  byKey: Map<string, { niveau: Level; code: string; libelle: string; containers: string[] }>;
}

export const geoKey = (niveau: string, code: string) => `${niveau}|${code}`;

function appendTextRow(appender: DuckDBAppender, ...texts: string[]): void {
  for (const t of texts) appender.appendVarchar(t);
  appender.endRow();
}

export async function prepareGeography(db: DuckDBConnection, territory: Territory, bassins: BassinShare[]): Promise<GeographyIndex> {
  await db.run("CREATE OR REPLACE TEMP TABLE ind_bassins (code_bassin VARCHAR, nom_bassin VARCHAR)");
  // Names and codes come from files and territoire.json: appended as values, never written into SQL text.
  await withAppender(db, "ind_bassins", async (appender) => {
    for (const b of bassins) appendTextRow(appender, b.code_bassin, b.nom_bassin);
  });
  // Phase perimeters: (territory code, commune) and (territory code, EPCI wholly inside the phase).
  await db.run("CREATE OR REPLACE TEMP TABLE ind_phases (code_geo VARCHAR, libelle_geo VARCHAR, n_unites INTEGER)");
  await db.run("CREATE OR REPLACE TEMP TABLE ind_phase_communes (code_geo VARCHAR, code VARCHAR)");
  await db.run("CREATE OR REPLACE TEMP TABLE ind_phase_epcis (code_geo VARCHAR, siren VARCHAR)");
  // The folder's communes only (a test territory may keep a few communes of its EPCIs).
  const loaded = new Set(territory.communes.map((c) => c.code));
  const perimeters = territory.phases.map((phase) => {
    const members = new Set(phase.communes.filter((c) => loaded.has(c)));
    return { phase, members, whole: territory.epcis.filter((e) => e.communes.every((c) => members.has(c))) };
  });
  await withAppender(db, "ind_phases", async (appender) => {
    for (const { phase, members } of perimeters) {
      appender.appendVarchar(phase.code);
      appender.appendVarchar(phase.nom);
      appender.appendInteger(members.size);
      appender.endRow();
    }
  });
  await withAppender(db, "ind_phase_communes", async (appender) => {
    for (const { phase, members } of perimeters) for (const c of members) appendTextRow(appender, phase.code, c);
  });
  await withAppender(db, "ind_phase_epcis", async (appender) => {
    for (const { phase, whole } of perimeters) for (const e of whole) appendTextRow(appender, phase.code, e.siren);
  });
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ind_units AS
      SELECT 'commune' AS nc, code AS cc, code AS unite FROM communes
      UNION ALL SELECT 'epci', epci, code FROM communes
      UNION ALL SELECT 'territoire', code_geo, code FROM ind_phase_communes
      UNION ALL SELECT 'bassin_emploi', code_bassin, 'bassin:' || code_bassin FROM ind_bassins`);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ind_map AS
      SELECT 'commune' AS nc, code AS cc, 'commune' AS niveau, code AS code_geo FROM communes
      UNION ALL SELECT 'commune', code, 'epci', epci FROM communes
      UNION ALL SELECT 'commune', code, 'territoire', code_geo FROM ind_phase_communes
      UNION ALL SELECT 'epci', siren, 'epci', siren FROM epcis
      UNION ALL SELECT 'epci', siren, 'territoire', code_geo FROM ind_phase_epcis
      UNION ALL SELECT 'territoire', code_geo, 'territoire', code_geo FROM ind_phases
      UNION ALL SELECT 'bassin_emploi', code_bassin, 'bassin_emploi', code_bassin FROM ind_bassins`);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ind_groups AS
      SELECT 'commune' AS niveau, code AS code_geo, nom AS libelle_geo, 1 AS n_unites FROM communes
      UNION ALL SELECT 'epci', e.siren, e.nom, (SELECT count(*) FROM communes c WHERE c.epci = e.siren) FROM epcis e
      UNION ALL SELECT 'territoire', code_geo, libelle_geo, n_unites FROM ind_phases
      UNION ALL SELECT 'bassin_emploi', code_bassin, nom_bassin, 1 FROM ind_bassins`);

  const groups = (await db.runAndReadAll("SELECT niveau, code_geo, libelle_geo FROM ind_groups")).getRowObjectsJS() as { niveau: Level; code_geo: string; libelle_geo: string }[];
  const links = (await db.runAndReadAll("SELECT nc, cc, niveau, code_geo FROM ind_map WHERE NOT (nc = niveau AND cc = code_geo)")).getRowObjectsJS() as { nc: string; cc: string; niveau: string; code_geo: string }[];
  const byKey: GeographyIndex["byKey"] = new Map();
  for (const g of groups) byKey.set(geoKey(g.niveau, g.code_geo), { niveau: g.niveau, code: g.code_geo, libelle: g.libelle_geo, containers: [] });
  for (const l of links) byKey.get(geoKey(l.nc, l.cc))?.containers.push(geoKey(l.niveau, l.code_geo));
  return { byKey };
}
