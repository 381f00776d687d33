// Command-line entry point: `npm run ti -- <commande> [options]`.
import { parseArgs } from "node:util";
import { TerritoryError } from "../territory/territory.ts";
import { printable } from "../format/terminal.ts";
import { runValidate } from "./validate.ts";
import { runCompute } from "./compute.ts";
import { runReport } from "./report.ts";
import { runTerritoires } from "./territoires.ts";
import { runInit } from "./init.ts";

const USAGE = `Usage : npm run ti -- <commande> [options]

Commandes :
  validate [--data DOSSIER] [--tout]      vérifie chaque fichier du dossier de données (par défaut data/)
  compute  [--data DOSSIER] [--out SORTIE] [--strict]
                                          calcule les indicateurs (par défaut dans build/indicateurs/)
  report   --year ANNÉE | --all [--data DOSSIER] [--out SORTIE] [--site SITE] [--reconstruire]
                                          rapport annuel d'évaluation en PDF (Chromium), par défaut dans dist/rapports/
  territoires [TEXTE] [--data DOSSIER]    cherche un Territoire d'industrie par son nom, celui d'un de ses EPCI
                                          ou d'une de ses communes (sans TEXTE : la liste complète)
  init ti-XXXX [--data DOSSIER] [--remplacer]
                                          configure le dossier pour ce territoire ({"ti": "ti-XXXX"}) et y génère
                                          les données de démonstration
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === "territoires" || command === "init",
    options: {
      data: { type: "string", default: "data" },
      out: { type: "string" },
      year: { type: "string" },
      all: { type: "boolean", default: false },
      site: { type: "string" },
      reconstruire: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      tout: { type: "boolean", default: false },
      remplacer: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  switch (command) {
    case "validate":
      return runValidate({ data: values.data!, all: values.tout! });
    case "compute":
      return runCompute({ data: values.data!, out: values.out ?? "build/indicateurs", strict: values.strict! });
    case "report":
      return runReport({ data: values.data!, year: values.year, all: values.all!, out: values.out, site: values.site, rebuild: values.reconstruire! });
    case "territoires":
      return runTerritoires({ data: values.data!, text: positionals.join(" ") || undefined });
    case "init":
      if (positionals.length > 1) {
        console.error(`Erreur : un seul identifiant de territoire attendu (reçu : ${positionals.join(" ")}).`);
        return 1;
      }
      return runInit({ id: positionals[0], data: values.data!, replace: values.remplacer! });
    default:
      console.error(`Commande inconnue : « ${command} ».\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof TerritoryError || (e instanceof Error && e.name === "TypeError" && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      // One problem per line (a territoire.json may have several); keys and values come from the file: made printable.
      console.error(`Erreur : ${(e as Error).message.split("\n").map(printable).join("\n  ")}`);
    } else {
      console.error(`Erreur inattendue : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    process.exit(1);
  },
);
