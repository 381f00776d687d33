// Literal quoting for the few values the engine writes into SQL text (territory id and name, bassin codes):
// DDL statements (CREATE TABLE AS) are built as text, so values are quoted here rather than bound.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlNumber(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "NULL" : String(value);
}
