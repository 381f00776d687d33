// Child process of the benchmark: runs one contender and prints its measures as one JSON line
// (prefixed, so that anything else a library prints on stdout is ignored by the parent).
import { CONTENDERS, runContender } from "./contenders.ts";
import { RESULT_PREFIX } from "./results.ts";

const [id, file] = process.argv.slice(2);
const contender = CONTENDERS.find((c) => c.id === id);
if (!contender || !file) {
  console.error(`usage : worker.ts <${CONTENDERS.map((c) => c.id).join("|")}> <fichier.csv>`);
  process.exit(2);
}
const result = await runContender(contender, file);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
