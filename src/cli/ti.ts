// Command-line entry point: `npm run ti -- <commande> [options]`.
import { parseArgs } from "node:util";
import { TerritoryError } from "../territory/territory.ts";
import { runValidate } from "./validate.ts";
import { runCompute } from "./compute.ts";
import { runReport } from "./report.ts";

const USAGE = `Usage : npm run ti -- <commande> [options]

Commandes :
  validate [--data DOSSIER] [--tout]      vérifie chaque fichier du dossier de données (par défaut data/)
  compute  [--data DOSSIER] [--out SORTIE] [--strict]
                                          calcule les indicateurs (par défaut dans build/indicateurs/)
  report   --year ANNÉE | --all [--data DOSSIER] [--out SORTIE] [--site SITE] [--reconstruire]
                                          rapport annuel d'évaluation en PDF (Chromium), par défaut dans dist/rapports/
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: "string", default: "data" },
      out: { type: "string" },
      year: { type: "string" },
      all: { type: "boolean", default: false },
      site: { type: "string" },
      reconstruire: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      tout: { type: "boolean", default: false },
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
    default:
      console.error(`Commande inconnue : « ${command} ».\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof TerritoryError || (e instanceof Error && e.name === "TypeError" && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`Erreur : ${(e as Error).message}`);
    } else {
      console.error(`Erreur inattendue : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    process.exit(1);
  },
);
