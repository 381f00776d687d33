// From what the files of a list say (ti-read.ts) to the compact table (ti-table.ts). The rule, territory by
// territory:
// - members are the SIRENs of the groupings (or EPCI) file, each resolved in the current COG to an EPCI, an
//   établissement public territorial (EPT) or a commune (a commune's own SIREN: communes listed one by one);
//   a SIREN the COG does not know is kept as « inconnu » and reported, never dropped;
// - with no groupings file, members are rebuilt from the communes file: an EPCI all of whose communes are
//   listed becomes a member, the other communes are members one by one (older codes mapped to the current
//   commune; an unknown code is reported);
// - the communes the members resolve to are counted, compared with the communes file and the GeoJSON export
//   when present (any difference is reported), and give the région (that of most communes; checked against
//   the région the ANCT id starts with, `ti-32..` for Hauts-de-France).
import { cog } from "./cog.ts";
import { classifySiren, resolvePerimeter } from "./perimeter.ts";
import type { RawMember, RawPhase } from "./ti-read.ts";
import type { ListMember, ListProvenance, ListTerritory, TerritoryList } from "./ti-table.ts";

export interface DeriveReport {
  phase: string;
  territoires: number;
  membres: Record<ListMember["type"], number>;
  /** Distinct communes of all the territories. */
  communes: number;
  /** Members that resolve to nothing in the current COG, with where the list gives them. */
  nonResolus: string[];
  /** Disagreements between the files, and problems of rows (file:line: reason). */
  remarques: string[];
}

export type ProvenanceBase = Omit<ListProvenance, "phase" | "fichiers" | "geographie">;

const sample = (items: string[], n = 5) => (items.length > n ? `${items.slice(0, n).join(", ")}… (${items.length})` : items.join(", "));

function membersFromSirens(id: string, raw: RawMember[], report: DeriveReport): ListMember[] {
  const out: ListMember[] = [];
  for (const m of raw) {
    if (out.some((o) => o.code === m.siren)) {
      report.remarques.push(`${m.where}: ${id} : SIREN ${m.siren} en double, lu une fois`);
      continue;
    }
    const found = classifySiren(m.siren);
    if (!found) {
      out.push({ type: "inconnu", code: m.siren, nom: m.nom });
      report.nonResolus.push(`${m.where}: ${id} : SIREN ${m.siren} « ${m.nom} » inconnu du Code officiel géographique en vigueur (ni EPCI, ni EPT, ni commune)`);
    } else if (found.type === "commune") out.push({ type: "commune", code: found.code, nom: m.nom });
    else out.push({ type: found.type, code: m.siren, nom: m.nom });
  }
  return out;
}

function membersFromCommunes(id: string, listed: { code: string; nom: string; where: string }[], report: DeriveReport): ListMember[] {
  const ref = cog();
  const codes = new Set<string>();
  for (const c of listed) {
    const current = ref.currentCode(c.code);
    if (!current) {
      report.nonResolus.push(`${c.where}: ${id} : commune ${c.code} « ${c.nom} » inconnue du Code officiel géographique en vigueur`);
      continue;
    }
    codes.add(current);
  }
  const out: ListMember[] = [];
  const covered = new Set<string>();
  const epcis = [...new Set([...codes].map((c) => ref.epciOfCommune.get(c)).filter((s): s is string => !!s))].sort();
  for (const siren of epcis) {
    const epci = ref.epcis.get(siren)!;
    if (epci.membres.every((m) => codes.has(m.code))) {
      out.push({ type: "epci", code: siren, nom: epci.nom });
      for (const m of epci.membres) covered.add(m.code);
    }
  }
  for (const code of [...codes].sort()) if (!covered.has(code)) out.push({ type: "commune", code, nom: ref.communes.get(code)!.nom });
  return out;
}

/** Communes the resolved members designate; null (and a remark) when they cannot be combined. */
function communesOf(id: string, members: ListMember[], report: DeriveReport): string[] | null {
  try {
    const perimeter = resolvePerimeter(
      members.filter((m) => m.type === "epci" || m.type === "ept").map((m) => m.code),
      members.filter((m) => m.type === "commune").map((m) => m.code),
    );
    return perimeter.communes.map((c) => c.code);
  } catch (e) {
    report.remarques.push(`${id} : ${(e as Error).message}`);
    return null;
  }
}

function regionOf(id: string, communes: string[], report: DeriveReport): string | null {
  const ref = cog();
  const counts = new Map<string, number>();
  for (const code of communes) {
    const region = ref.communes.get(code)?.region;
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  // ANCT ids start with the région's code: ti-32.. Hauts-de-France, ti-01.. Guadeloupe.
  const prefix = /^ti-(\d\d)\d\d$/.exec(id)?.[1];
  if (prefix && ref.regions.has(prefix) && best !== prefix && !counts.has(prefix))
    report.remarques.push(`${id} : aucune commune dans la région ${prefix} (${ref.regions.get(prefix)}) que désigne l'identifiant ; région retenue : ${best ?? "aucune"}`);
  return best;
}

/** Reports what only one of two lists holds: `ti-3208 : <what> ; seulement dans <a> : … ; seulement dans <b> : …`. */
function compareSets(id: string, what: string, [nameA, a]: [string, string[]], [nameB, b]: [string, string[]], report: DeriveReport) {
  const setA = new Set(a);
  const setB = new Set(b);
  const onlyA = a.filter((x) => !setB.has(x));
  const onlyB = b.filter((x) => !setA.has(x));
  if (onlyA.length > 0 || onlyB.length > 0)
    report.remarques.push(`${id} : ${what}${onlyA.length ? ` ; seulement dans ${nameA} : ${sample(onlyA)}` : ""}${onlyB.length ? ` ; seulement dans ${nameB} : ${sample(onlyB)}` : ""}`);
}

export function derivePhase(raw: RawPhase, base: ProvenanceBase): { territoires: ListTerritory[]; provenance: ListProvenance; report: DeriveReport } {
  const report: DeriveReport = { phase: raw.phase, territoires: 0, membres: { epci: 0, ept: 0, commune: 0, inconnu: 0 }, communes: 0, nonResolus: [], remarques: [...raw.problems] };
  const ids = new Set<string>([...raw.names.keys(), ...(raw.members?.keys() ?? []), ...(raw.communes?.keys() ?? []), ...(raw.geo?.keys() ?? [])]);
  const territoires: ListTerritory[] = [];
  const allCommunes = new Set<string>();
  for (const id of [...ids].sort()) {
    const nom = raw.names.get(id);
    if (!nom) report.remarques.push(`${id} : aucun nom dans les fichiers ; l'identifiant en tient lieu`);
    const fromSirens = raw.members?.get(id) ?? (raw.members ? undefined : raw.geo?.get(id)?.members);
    const listedCommunes = raw.communes?.get(id);
    let membres: ListMember[];
    if (fromSirens) membres = membersFromSirens(id, fromSirens, report);
    else if (listedCommunes) membres = membersFromCommunes(id, listedCommunes, report);
    else {
      report.remarques.push(`${id} : nommé mais sans membre (ni groupement, ni commune) : non retenu`);
      continue;
    }
    const communes = communesOf(id, membres.filter((m) => m.type !== "inconnu"), report) ?? [];
    if (fromSirens && listedCommunes) {
      const ref = cog();
      const listed = [...new Set(listedCommunes.map((c) => ref.currentCode(c.code)).filter((c): c is string => !!c))].sort();
      compareSets(id, "communes différentes", ["le fichier des communes", listed], ["les membres", communes], report);
    }
    const geo = raw.geo?.get(id);
    if (geo && raw.members) {
      compareSets(id, "membres différents", ["le GeoJSON", geo.members.map((m) => m.siren).sort()], ["le fichier des membres", (raw.members.get(id) ?? []).map((m) => m.siren).sort()], report);
      if (nom && geo.nom && geo.nom !== nom) report.remarques.push(`${id} : nom « ${nom} » ; « ${geo.nom} » dans le GeoJSON`);
    } else if (raw.geo && !geo) report.remarques.push(`${id} : absent du GeoJSON`);
    for (const m of membres) report.membres[m.type]++;
    for (const c of communes) allCommunes.add(c);
    territoires.push({ id, nom: nom ?? id, phase: raw.phase, region: regionOf(id, communes, report), membres, communes: communes.length });
  }
  report.territoires = territoires.length;
  report.communes = allCommunes.size;
  const provenance: ListProvenance = {
    phase: raw.phase,
    ...base,
    fichiers: raw.files.map(({ nom, sha256, taille, url, date }) => ({ nom, sha256, taille, ...(url ? { url } : {}), ...(date ? { date } : {}) })),
    geographie: `Code officiel géographique de @etalab/decoupage-administratif ${cog().version}`,
  };
  return { territoires, provenance, report };
}

export function deriveList(phases: RawPhase[], baseOf: (raw: RawPhase) => ProvenanceBase): { list: TerritoryList; reports: DeriveReport[] } {
  const list: TerritoryList = { provenance: [], territoires: [] };
  const reports: DeriveReport[] = [];
  for (const raw of phases) {
    const { territoires, provenance, report } = derivePhase(raw, baseOf(raw));
    list.provenance.push(provenance);
    list.territoires.push(...territoires);
    reports.push(report);
  }
  return { list, reports };
}

/** The report in French, as the script and the refresh print it. */
export function reportLines(report: DeriveReport): string[] {
  const m = report.membres;
  const lines = [
    `Phase ${report.phase} : ${report.territoires} territoires ; membres : ${m.epci} EPCI, ${m.ept} établissements publics territoriaux, ${m.commune} communes listées une à une, ${m.inconnu} non résolus ; ${report.communes} communes distinctes.`,
  ];
  if (report.nonResolus.length > 0) lines.push(`  Membres non résolus (gardés dans la table, signalés à qui nomme le territoire) :`, ...report.nonResolus.map((l) => `    ${l}`));
  if (report.remarques.length > 0) lines.push(`  Remarques :`, ...report.remarques.map((l) => `    ${l}`));
  return lines;
}
