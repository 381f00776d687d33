// Child process of the Sirene benchmark: runs one contender and prints its measures as one JSON line.
import { RESULT_PREFIX } from "./results.ts";
import { runSireneContender, SIRENE_CONTENDERS } from "./sirene-contenders.ts";

const [id, file] = process.argv.slice(2);
const contender = SIRENE_CONTENDERS.find((c) => c.id === id);
if (!contender || !file) {
  console.error(`usage : sirene-worker.ts <${SIRENE_CONTENDERS.map((c) => c.id).join("|")}> <fichier>`);
  process.exit(2);
}
const result = await runSireneContender(contender, file);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
