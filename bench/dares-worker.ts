// Child process of the DARES benchmark: runs one contender and prints its measures as one JSON line.
import { RESULT_PREFIX } from "./results.ts";
import { DARES_CONTENDERS, runDaresContender } from "./dares-contenders.ts";

const [id, file] = process.argv.slice(2);
const contender = DARES_CONTENDERS.find((c) => c.id === id);
if (!contender || !file) {
  console.error(`usage : dares-worker.ts <${DARES_CONTENDERS.map((c) => c.id).join("|")}> <fichier>`);
  process.exit(2);
}
const result = await runDaresContender(contender, file);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
