// `npm run serve [-- --port N]`: serves the built site (dist/) on 127.0.0.1.
import { parseArgs } from "node:util";
import { serveStatic } from "../src/server/static-server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, dir: { type: "string", default: "dist" } } });
const running = await serveStatic(values.dir!, Number(values.port));
console.log(`Site servi sur ${running.url}/ (Ctrl+C pour arrêter)`);
