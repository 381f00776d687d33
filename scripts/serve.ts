// `npm run serve [-- --port N]`: serves the built site (dist/) on 127.0.0.1.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { serveStatic } from "../src/server/static-server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, dir: { type: "string", default: "dist" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Erreur : port « ${values.port} » invalide ; indiquez un nombre entre 1 et 65535 (npm run serve -- --port 8080).`);
  process.exit(1);
}
if (!existsSync(values.dir!)) {
  console.error(`Erreur : le dossier ${values.dir} n'existe pas ; construisez d'abord le site avec « npm run build ».`);
  process.exit(1);
}
try {
  const running = await serveStatic(values.dir!, port);
  console.log(`Site servi sur ${running.url}/ (Ctrl+C pour arrêter)`);
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    console.error(`Erreur : le port ${port} est déjà utilisé (un autre serveur, peut-être un « npm run serve » déjà lancé). Choisissez-en un autre : npm run serve -- --port ${port + 1}`);
  } else if (code === "EACCES") {
    console.error(`Erreur : le port ${port} est réservé ; choisissez un port au-dessus de 1024 : npm run serve -- --port 8080`);
  } else {
    console.error(`Erreur : le serveur n'a pas pu démarrer (${(e as Error).message}).`);
  }
  process.exit(1);
}
