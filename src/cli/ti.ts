// Command-line entry point: `npm run ti -- <commande> [options]`.
import { parseArgs } from "node:util";
import { TerritoryError } from "../territory/territory.ts";
import { runValidate } from "./validate.ts";
import { runCompute } from "./compute.ts";

const USAGE = `Usage : npm run ti -- <commande> [options]

Commandes :
  validate [--data DOSSIER] [--tout]      vérifie chaque fichier du dossier de données (par défaut data/)
  compute  [--data DOSSIER] [--out SORTIE] [--strict]
                                          calcule les indicateurs (par défaut dans build/indicateurs/)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: "string", default: "data" },
      out: { type: "string", default: "build/indicateurs" },
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
      return runCompute({ data: values.data!, out: values.out!, strict: values.strict! });
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
