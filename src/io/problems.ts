// What the read stage says about a file it cannot use, or about a row it does not load: the project's one form of a
// problem, written `path:line:column: message` (src/format/location.ts). Declared here, at the bottom of the
// pipeline, because every reader (CSV, xlsx, Parquet, gzip) raises them; src/sources/types.ts re-exports them for
// the loaders and the stages after them.
import { formatProblem } from "../format/location.ts";

/** One input row that was not loaded, with its reason (French). Lines are 1-based, header = line 1. */
export interface Rejection {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
  /**
   * The row repeats a figure the producer publishes in another row of the file, which is kept instead (DARES: a
   * municipal arrondissement of Paris, Lyon or Marseille whose city is published whole). Reported like any rejection,
   * so that rows read still add up, but it is the producer's layout, not a flaw of the file: `--strict` ignores it.
   */
  redundant?: true;
}

/** A problem that makes a whole file unusable (unknown header, missing column, unreadable xlsx...). */
export interface FileProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export class LoadError extends Error {
  constructor(readonly problem: FileProblem) {
    super(formatProblem(problem, problem.message));
  }
}
