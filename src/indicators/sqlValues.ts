// Literal quoting, kept only for the statements not yet written with parameters (the URSSAF and Sirene readers'
// read_csv options, the benches). Values are bound as DuckDB parameters everywhere else: DuckDB 1.5 takes a parameter
// for a path or an option of read_csv / read_parquet and for COPY … TO (tests/db/parameters.test.ts), so this
// function has no reason to gain users.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
