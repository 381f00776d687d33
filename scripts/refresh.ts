// `npm run data:refresh [-- --data DOSSIER] [--source id,id] [--force] [--max-age 24h] [--cache DOSSIER] [--urssaf-national] [--liste]`
// Downloads the official sources of the configured territory into data/ (see src/download/).
import { parseArgs } from "node:util";
import { removeActivePartsSync } from "../src/download/atomic.ts";
import { buildCatalogue } from "../src/download/catalogue.ts";
import { discoveryLabel, discoveryUrl } from "../src/download/discovery.ts";
import { DownloadError, describe } from "../src/download/errors.ts";
import { DEFAULT_CACHE_DIR, DEFAULT_MAX_AGE_MS, refresh } from "../src/download/refresh.ts";
import { DOWNLOADED_IDS, envName, readDownloadSettings } from "../src/download/settings.ts";
import { summaryTable, verdict } from "../src/download/summary.ts";
import { printable } from "../src/format/terminal.ts";
import { loadTerritory, TerritoryError } from "../src/territory/territory.ts";

const USAGE = `Usage : npm run data:refresh [-- options]

Télécharge les sources officielles du territoire configuré (data/territoire.json) dans data/sources/
et data/contours/, et la liste des Territoires d'industrie de l'ANCT (jeu programme-territoires-dindustrie
de data.gouv.fr) dans data/territoires-industrie/, en passant par un cache (${DEFAULT_CACHE_DIR}).

Options :
  --data DOSSIER       dossier de données (par défaut data/)
  --source ID,ID       seulement ces sources (ex. urssaf,sirene-02,bmo,territoires-industrie) ; --liste pour les voir
  --force              ignore le cache et retélécharge tout
  --max-age DURÉE      réutilise sans requête une copie vérifiée depuis moins de DURÉE
                       (ex. 0, 30m, 6h, 2j ; par défaut 24h)
  --cache DOSSIER      dossier du cache
  --delai SECONDES     abandonne un téléchargement resté sans données reçues (par défaut 30)
  --duree-max DURÉE    abandonne un téléchargement qui dure plus que DURÉE, même s'il avance
                       (ex. 30m, 2h ; par défaut 1h par fichier)
  --essais N           nouveaux essais après une erreur réseau ou serveur (par défaut 2)
  --urssaf-national    télécharge l'export national de l'URSSAF (environ 500 Mo, 1,2 million de lignes,
                       7 min à 10 Mbit/s) au lieu des seules communes du territoire : niveaux de référence
                       (départements, région, France, Territoires d'industrie), décomposition de l'emploi et
                       territoires comparables ; les rafraîchissements suivants le gardent national
  --liste              affiche les sources et leurs adresses, sans rien télécharger

Adresses : chaque source peut être servie par un miroir, via une variable d'environnement
(${DOWNLOADED_IDS.map(envName).join(", ")})
ou un fichier data/sources-urls.json ({ "urssaf": "https://miroir.exemple", ... }).
Années BMO : TI_BMO_ANNEES (ex. 2024,2025 ; par défaut de l'année de référence du territoire à
l'année en cours) ; millésime des contours : TI_CONTOURS_ANNEE ; catalogue data.gouv.fr (où est
cherché le dernier millésime du Cerema quand TI_URL_CEREMA n'est pas défini, l'export du jour de
Cartofriches quand TI_URL_CARTOFRICHES n'est pas défini, et la liste des Territoires d'industrie) : TI_URL_DATAGOUV.

Proxy : HTTPS_PROXY, HTTP_PROXY et NO_PROXY (ou en minuscules) sont respectés.

Limites : un fichier plus gros que la limite de sa source est abandonné (Sirene 3 000 Mo, URSSAF et DARES
2 000 Mo, BMO et Cartofriches 500 Mo, liste des territoires et catalogue 50 Mo, les autres 1 000 Mo) ;
à changer par TI_TAILLE_MAX_<SOURCE>, en Mo (ex. TI_TAILLE_MAX_SIRENE=5000). Un fichier reçu n'est mis en place qu'une fois reconnu comme un fichier
lisible de sa source ; sinon les fichiers en place sont gardés et la source est signalée en échec.

Code de sortie : 0 tout est à jour, 2 certaines sources en échec, 1 toutes en échec.
`;

function parseDuration(text: string): number {
  const m = /^(\d+(?:[.,]\d+)?)\s*(s|m|min|h|j|d)?$/i.exec(text.trim());
  if (!m) throw new DownloadError(`--max-age : durée invalide « ${text} » (ex. 0, 30m, 6h, 2j)`, "configuration", false);
  const value = Number(m[1]!.replace(",", "."));
  const unit = (m[2] ?? "h").toLowerCase();
  const factor = unit === "s" ? 1000 : unit === "m" || unit === "min" ? 60_000 : unit === "h" ? 3_600_000 : 86_400_000;
  return value * factor;
}

/** --duree-max: a positive duration of at most a week (a timer cannot wait longer than 24.8 days). */
function maxDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms <= 0 || ms > 7 * 86_400_000) throw new DownloadError(`--duree-max : durée invalide « ${text} » (entre 1s et 7j, ex. 30m, 2h)`, "configuration", false);
  return ms;
}

function positive(text: string, option: string, zeroAllowed = false): number {
  const value = Number(text.replace(",", "."));
  if (!Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0))
    throw new DownloadError(`${option} : nombre invalide « ${text} »`, "configuration", false);
  return value;
}

async function list(dataDir: string, urssafNational: boolean): Promise<number> {
  const settings = await readDownloadSettings(dataDir);
  const catalogue = buildCatalogue(await loadTerritory(dataDir), settings, new Date(), { national: urssafNational });
  const short = (url: string) => (url.length > 160 ? url.slice(0, 157) + "…" : url);
  for (const d of catalogue) {
    console.log(`${d.id}  →  data/${d.target}`);
    console.log(`    ${d.label}`);
    if (d.notConfigured) console.log(`    ${d.notConfigured}`);
    if (d.discovery)
      console.log(
        `    ${discoveryLabel(d.discovery)} d'abord dans le catalogue data.gouv.fr :\n      ${discoveryUrl(d.discovery)}`,
      );
    for (const [index, location] of d.locations.entries()) {
      const notes = [
        location.serverFiltered ? "filtré par le producteur" : "",
        location.zipMember ? "archive zip" : "",
        location.millesime ? `millésime ${location.millesime}` : "",
      ].filter(Boolean);
      console.log(`    ${index === 0 ? "adresse" : "sinon"}${notes.length > 0 ? ` (${notes.join(", ")})` : ""} :`);
      for (const url of location.urls) console.log(`      ${printable(short(url))}`);
    }
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: "string", default: "data" },
        source: { type: "string", multiple: true },
        force: { type: "boolean", default: false },
        "max-age": { type: "string" },
        cache: { type: "string" },
        delai: { type: "string" },
        "duree-max": { type: "string" },
        essais: { type: "string" },
        liste: { type: "boolean", default: false },
        "urssaf-national": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
  } catch (e) {
    // node:util speaks English: "Unknown option '--x'".
    throw new DownloadError(`option invalide (${(e as Error).message}) : voir « npm run data:refresh -- --help »`, "configuration", false);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.liste) return list(values.data!, values["urssaf-national"]!);

  // Ctrl+C: no half-written file may stay behind (the final names are never touched before completion).
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      removeActivePartsSync();
      console.error("\nTéléchargement interrompu : les fichiers de data/ sont inchangés.");
      process.exit(130);
    });

  const result = await refresh({
    dataDir: values.data!,
    cacheDir: values.cache,
    only: values.source?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean),
    force: values.force,
    urssafNational: values["urssaf-national"],
    maxAgeMs: values["max-age"] === undefined ? DEFAULT_MAX_AGE_MS : parseDuration(values["max-age"]),
    progress: process.stderr,
    fetch: {
      ...(values.delai === undefined ? {} : { idleTimeoutMs: positive(values.delai, "--delai") * 1000 }),
      ...(values["duree-max"] === undefined ? {} : { maxDurationMs: maxDuration(values["duree-max"]) }),
      ...(values.essais === undefined ? {} : { retries: Math.floor(positive(values.essais, "--essais", true)) }),
    },
  });
  console.log(summaryTable(result));
  console.log("");
  console.log(verdict(result));
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A French message, never a stack trace (TI_DEBUG=1 shows it, for a bug report).
    if (e instanceof DownloadError || e instanceof TerritoryError) console.error(`Erreur : ${printable(describe(e))}`);
    else console.error(`Erreur inattendue : ${printable(describe(e))}${process.env.TI_DEBUG ? `\n${(e as Error).stack ?? ""}` : " (TI_DEBUG=1 pour le détail)"}`);
    process.exit(1);
  },
);
