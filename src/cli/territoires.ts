// `ti territoires [TEXTE]`: finds a Territoire d'industrie by its name, the name of one of its EPCIs or
// communes, or a code; without text, lists them all. Reads the list in use for the data folder (the product's
// table, with the lists the folder holds).
import { loadTerritoryList } from "../geography/ti-list.ts";
import { closeMatches, describeEntry, regionName, searchTerritories } from "../geography/ti-search.ts";
import type { ListTerritory } from "../geography/ti-table.ts";

const MAX_SHOWN = 25;

/** `5 EPCI, 231 communes`, `1 EPT, 24 communes`, `9 EPCI, 11 communes listées une à une, 255 communes`. */
export function membersSummary(entry: ListTerritory): string {
  const count = (type: string) => entry.membres.filter((m) => m.type === type).length;
  const parts = [
    count("epci") ? `${count("epci")} EPCI` : "",
    count("ept") ? `${count("ept")} EPT` : "",
    count("commune") ? `${count("commune")} commune${count("commune") > 1 ? "s" : ""} listée${count("commune") > 1 ? "s" : ""} une à une` : "",
    count("inconnu") ? `${count("inconnu")} membre(s) inconnu(s) du COG` : "",
  ].filter(Boolean);
  return `${parts.join(", ")}, ${entry.communes} communes`;
}

export async function runTerritoires(options: { data: string; text: string | undefined }): Promise<number> {
  const { list } = await loadTerritoryList(options.data);
  const text = options.text?.trim() ?? "";
  if (text === "") {
    console.log(`${list.territoires.length} Territoires d'industrie (phase ${[...new Set(list.territoires.map((t) => t.phase))].join(", ")}) :`);
    for (const t of list.territoires) console.log(`  ${t.id}  ${t.nom} — ${regionName(t.region) ?? "région inconnue"}, ${t.phase}`);
    console.log("\nCherchez par nom : npm run ti -- territoires TEXTE ; configurez : npm run ti -- init ti-XXXX");
    return 0;
  }
  const hits = searchTerritories(list, text);
  if (hits.length === 0) {
    const close = closeMatches(list, text);
    console.log(`Aucun Territoire d'industrie ne correspond à « ${text} » (nom du territoire, d'un de ses EPCI ou d'une de ses communes).`);
    if (close.length > 0) console.log(`Vouliez-vous dire : ${close.map(describeEntry).join(" ; ")} ?`);
    return 1;
  }
  console.log(`${hits.length} Territoire${hits.length > 1 ? "s" : ""} d'industrie pour « ${text} » :`);
  for (const hit of hits.slice(0, MAX_SHOWN)) {
    const t = hit.entry;
    console.log(`  ${t.id}  ${t.nom} — ${regionName(t.region) ?? "région inconnue"}, phase ${t.phase}, ${membersSummary(t)}`);
    const shown = hit.matches.slice(0, 3);
    console.log(`           ${shown.join(" ; ")}${hit.matches.length > shown.length ? ` ; … (${hit.matches.length - shown.length} de plus)` : ""}`);
  }
  if (hits.length > MAX_SHOWN) console.log(`  … et ${hits.length - MAX_SHOWN} autres : précisez la recherche.`);
  console.log(`\nPour configurer ce territoire : npm run ti -- init ${hits[0]!.entry.id} [--data DOSSIER]`);
  return 0;
}
