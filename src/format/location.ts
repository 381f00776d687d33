// The one form of a place in a file and of a problem found there: `path:line:column: message`, as compilers write
// it, so that editors and terminals make it a link. Line 1 is the header line; the column is the column's name.

/** `path:line:column`, or `path:line` for a place that has no column (a target's row, a whole line). A problem
 *  about the whole file keeps its empty column (`path:1:: message`), as loaders have always written it. */
export function formatLocation(file: string, line: number, column?: string): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** `path:line:column: message`. */
export function formatProblem(where: { file: string; line: number; column?: string }, message: string): string {
  return `${formatLocation(where.file, where.line, where.column)}: ${message}`;
}
