// The territories the benchmark loads for: the default one (data/territoire.json, 188 communes, so most
// rows of a national file are outside it: the real use) and a large one (every EPCI with a commune in the
// Aisne or the Somme, about 1 700 communes) where many more rows are kept.
import { createRequire } from "node:module";
import { buildTerritory, loadTerritory, type Territory } from "../src/territory/territory.ts";

const require = createRequire(import.meta.url);

export type BenchTerritoryId = "defaut" | "aisne-somme";

export const TERRITORY_LABELS: Record<BenchTerritoryId, string> = {
  defaut: "territoire par défaut",
  "aisne-somme": "EPCI de l'Aisne et de la Somme",
};

interface RawEpci {
  code: string;
  membres: { code: string }[];
}

/** SIRENs of every EPCI that has at least one member commune in the given départements. */
export function epcisOfDepartements(departements: readonly string[]): string[] {
  const epcis = require("@etalab/decoupage-administratif/data/epci.json") as RawEpci[];
  return epcis.filter((e) => e.membres.some((m) => departements.some((d) => m.code.startsWith(d)))).map((e) => e.code);
}

export async function benchTerritory(id: BenchTerritoryId): Promise<Territory> {
  if (id === "defaut") return loadTerritory("data");
  return buildTerritory({
    id: "aisne-somme",
    nom: "Aisne et Somme",
    epci: epcisOfDepartements(["02", "80"]),
    annee_reference: 2018,
    periode_contrat: { debut: 2019, fin: 2022 },
  });
}
