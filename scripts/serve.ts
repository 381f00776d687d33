// `npm run serve [-- --port N] [--dossier DOSSIER]`: serves the built site (dist/, or $TI_DIST) on 127.0.0.1.
// Every problem (a taken port, a site not built, a wrong option) is one French line and exit code 1.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { printable } from "../src/format/terminal.ts";
import { serveStatic, ServeError } from "../src/server/static-server.ts";

const USAGE = `Usage : npm run serve [-- options]

Sert le site construit sur http://127.0.0.1:PORT/ (Ctrl+C pour arrêter).

Options :
  --port N           port d'écoute (par défaut 3000 ; 0 = un port libre au hasard)
  --dossier DOSSIER  dossier du site construit (par défaut dist/, ou la variable TI_DIST)
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "3000" },
        dossier: { type: "string" },
        dir: { type: "string" }, // former name of --dossier
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    throw new ServeError(`option invalide (${(e as Error).message}) : voir « npm run serve -- --help »`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port!) || port > 65535) throw new ServeError(`--port : port invalide « ${values.port} » (un nombre de 0 à 65535)`);
  const dir = path.resolve(values.dossier ?? values.dir ?? process.env.TI_DIST ?? "dist");
  if (!existsSync(path.join(dir, "index.html")))
    throw new ServeError(`aucun site construit dans ${dir} (pas de index.html) : construisez-le d'abord avec « npm run build »`);
  const running = await serveStatic(dir, port);
  console.log(`Site servi sur ${running.url}/ (Ctrl+C pour arrêter)`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));
  return -1; // keeps running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    const known = e instanceof ServeError;
    console.error(`Erreur : ${printable((e as Error).message ?? String(e))}${known ? "" : process.env.TI_DEBUG ? `\n${(e as Error).stack}` : " (TI_DEBUG=1 pour le détail)"}`);
    process.exit(1);
  },
);
