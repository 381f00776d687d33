// Literal quoting, kept only for the statements not yet written with parameters: the URSSAF and Sirene readers'
// read_csv / read_parquet calls and the benches. Everywhere else values are bound as DuckDB parameters. DuckDB 1.5
// takes a parameter for the path of read_parquet and COPY … TO (tests/io/parquet.test.ts), and for the path and the
// options of read_csv (delim, compression, rejects_table): this function has no reason to gain users.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
