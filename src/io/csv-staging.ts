// The project's CSV reader's records copied into a DuckDB table of text, for the files DuckDB's read_csv cannot read
// line for line (not UTF-8, line endings mixed, a cell over several lines, a quote never closed, blank lines): the
// loader then runs the same SQL over this table as over read_csv, and every record keeps the line the CSV reader
// gives it (src/io/csv.ts: encodings, CRLF / LF / lone CR, quoted multi-line cells). The records the reader cannot
// trust are returned as rejections with its reason, never staged. The one copy for every loader that reads through
// DuckDB (URSSAF, Sirene).
import type { DuckDBConnection } from "@duckdb/node-api";
import { unreadableRejection, type CsvFile } from "./csv.ts";
import type { Rejection } from "./problems.ts";

/** A column of the staged table and the file's column it takes its cells from (-1: none, every cell empty). */
export interface StagedColumn {
  name: string;
  index: number;
}

export interface Staging {
  /** Temporary table created (or replaced) and filled. */
  table: string;
  /** Name of its BIGINT column holding each record's line (header = line 1). */
  lineColumn: string;
  columns: readonly StagedColumn[];
  /**
   * What an empty cell becomes, as the loader's read_csv gives it: NULL (read_csv's default) or '' (a read_csv with
   * a `nullstr` that never occurs), so that the SQL rules are written once for both readers.
   */
  emptyCell: null | "";
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Reads every record of `csv` into `staging.table`; returns the rejections of the records that were not staged. */
export async function stageCsvRecords(db: DuckDBConnection, csv: CsvFile, staging: Staging): Promise<Rejection[]> {
  const { table, lineColumn, columns, emptyCell } = staging;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} (${[`${ident(lineColumn)} BIGINT`, ...columns.map((c) => `${ident(c.name)} VARCHAR`)].join(", ")})`);
  const indexes = columns.map((c) => c.index);
  const rejections: Rejection[] = [];
  const appender = await db.createAppender(table);
  try {
    for await (const record of csv.records()) {
      const rejection = unreadableRejection(csv.file, record, csv.delimiter);
      if (rejection) {
        rejections.push(rejection);
        continue;
      }
      appender.appendBigInt(BigInt(record.line));
      for (const i of indexes) {
        const text = i >= 0 ? (record.cells[i] ?? "") : "";
        if (text === "" && emptyCell === null) appender.appendNull();
        else appender.appendVarchar(text);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return rejections;
}
