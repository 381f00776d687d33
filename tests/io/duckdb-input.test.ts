// src/io/duckdb-input.ts: a file reaches a loader's SQL as `line, <fields>`, by DuckDB's read_csv when every record is
// one line of UTF-8, else by the project's CSV reader, with the same lines and texts either way.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { csvRelation, dropInputTables, parquetRelation, scanCsv, type InputField } from "../../src/io/duckdb-input.ts";
import { doubledBackslashQuotes, holdsBackslashQuote, writeDoubledBackslashQuotes, type CsvOptions } from "../../src/io/csv.ts";
import { LoadError } from "../../src/io/problems.ts";
import { FILE_PARAMETER } from "../../src/db/read-csv.ts";

const dir = mkdtempSync(path.join(tmpdir(), "duckdb-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

const HEADER = ["code", "libelle", "valeur"];
// The fields in another order than the file's, one of them absent from it.
const FIELDS: InputField[] = [{ name: "value", index: 2 }, { name: "code", index: 0 }, { name: "absent", index: -1 }];
const TABLES = { rejects: "t_rejects", staged: "t_staged" };

async function read(file: string, fields: InputField[] = FIELDS, options: CsvOptions = {}) {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const scans: string[] = [];
  const { relation, rejections } = await scanCsv(db, file, HEADER, fields, TABLES, async (relation) => {
    scans.push(relation.sql);
    await db.run(`CREATE OR REPLACE TEMP TABLE seen AS SELECT * FROM (${relation.sql})`, relation.params);
    return Number((await db.runAndReadAll("SELECT count(*) AS n FROM seen")).getRowObjectsJS()[0]!.n);
  }, options);
  const rows = (await db.runAndReadAll("SELECT * FROM seen ORDER BY line")).getRowObjectsJS().map((r) => ({ ...r, line: Number(r.line) }));
  await dropInputTables(db, TABLES);
  const left = (await db.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 't_%'")).getRowObjectsJS();
  return { relation, rejections, rows, scans, left };
}

const ROWS = [
  { line: 2, value: "12", code: "02691", absent: "" },
  { line: 3, value: "", code: "80620", absent: "" },
  { line: 4, value: "s", code: "02738", absent: "" },
];

describe("scanCsv", () => {
  it("reads a UTF-8 file of one line per record with DuckDB, once: fields by name, an empty cell and an absent field are ''", async () => {
    const r = await read(write("simple.csv", "code;libelle;valeur\n02691;Saint-Quentin;12\n80620;\"Péronne\";\n02738;Tergnier;s\n"));
    expect(r.rows).toEqual(ROWS);
    expect(r.rejections).toEqual([]);
    expect(r.scans).toHaveLength(1);
    expect(r.relation.sql).toContain("read_csv");
    // The path is bound, never written into the SQL.
    expect(r.relation.sql).not.toContain(dir);
    expect(r.left).toEqual([]);
  });

  it("reads the same rows from a gzip file, with CRLF and a BOM", async () => {
    const r = await read(write("simple.csv.gz", gzipSync("\uFEFFcode;libelle;valeur\r\n02691;Saint-Quentin;12\r\n80620;Péronne;\r\n02738;Tergnier;s\r\n")));
    expect(r.rows).toEqual(ROWS);
    expect(r.scans).toHaveLength(1);
  });

  it("goes to the project's CSV reader for a byte that is not UTF-8 far into the file (DuckDB's first look would say UTF-8)", async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `80620;ligne ${i} ${"x".repeat(20)};${i}`).join("\n");
    const text = `code;libelle;valeur\n${filler}\n02691;Saint-Quentin (préfecture);12\n`;
    const file = write("latin.csv", Buffer.from(text, "latin1"));
    const r = await read(file, [{ name: "label", index: 1 }]);
    // DuckDB is not given the file at all: a byte that is not UTF-8 in a column it reads, past the number of columns it
    // reads, makes DuckDB 1.5 lose its whole database.
    expect(r.scans).toEqual([expect.stringContaining("t_staged")]);
    expect(r.rows).toHaveLength(3001);
    expect(r.rows.at(-1)).toEqual({ line: 3002, label: "Saint-Quentin (préfecture)" });
    expect(r.rejections).toEqual([]);
    // Nor does DuckDB see it when no field reads that column: the encoding pass, over the whole file, decides.
    const unread = await read(file);
    expect(unread.scans).toEqual([expect.stringContaining("t_staged")]);
    expect(unread.rows.at(-1)).toEqual({ line: 3002, value: "12", code: "02691", absent: "" });
  });

  it("goes to the project's CSV reader for a record with too few fields, which it rejects with its line and reason", async () => {
    const r = await read(write("short.csv", "code;libelle;valeur\n02691;Saint-Quentin;12\n80620;Péronne\n02738;Tergnier;s\n"));
    expect(r.rows.map((x) => x.line)).toEqual([2, 4]);
    expect(r.rejections).toEqual([
      expect.objectContaining({ line: 3, reason: "nombre de champs incorrect : 2 champs au lieu de 3" }),
    ]);
  });

  it("reads a file of backslash-escaped quotes (`\\\"`) with DuckDB, as a copy where each is `\"\"`, removed with the tables", async () => {
    const escaped = 'code;libelle;valeur\n02691;"Saint-Quentin \\"centre\\"";12\n80620;Péronne;\n02738;Tergnier;s\n';
    const fields: InputField[] = [{ name: "label", index: 1 }, ...FIELDS];
    const r = await read(write("antislash.csv", escaped), fields, { backslashEscapedQuotes: true });
    expect(r.scans).toHaveLength(1);
    expect(r.relation.sql).toContain("read_csv");
    expect(r.rows[0]).toEqual({ line: 2, label: 'Saint-Quentin "centre"', value: "12", code: "02691", absent: "" });
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4]);
    // The copy, in a temporary folder, is gone once dropInputTables has run.
    const copy = r.relation.params[FILE_PARAMETER]!;
    expect(copy).toContain("ti-guillemets-");
    expect(existsSync(path.dirname(copy))).toBe(false);
    // The same file without the option: read_csv and the reader both refuse `\"` before `c` (a quote closing the cell
    // mid-text); the reader then cuts the record back to its own line and rejects it.
    const plain = await read(write("antislash-sans-option.csv", escaped), fields);
    expect(plain.rows.map((x) => x.line)).toEqual([3, 4]);
    // Without any `\"`, the option changes nothing: DuckDB reads the file itself.
    const clean = await read(write("sans-antislash.csv", "code;libelle;valeur\n02691;Saint-Quentin;12\n80620;\"Péronne\";\n02738;C:\\dossier\\;s\n"), FIELDS, { backslashEscapedQuotes: true });
    expect(clean.relation.params[FILE_PARAMETER]).toContain("sans-antislash.csv");
    expect(clean.rows).toEqual(ROWS);
  });

  it("reads a gzip or Windows-1252 file of backslash-escaped quotes, and names the file itself in the reader's rejections", async () => {
    const escaped = 'code;libelle;valeur\n02691;"Saint-Quentin \\"préfecture\\"";12\n80620;Péronne\n02738;Tergnier;s\n';
    const fields: InputField[] = [{ name: "label", index: 1 }, ...FIELDS];
    for (const file of [write("antislash.csv.gz", gzipSync(escaped)), write("antislash-latin.csv", Buffer.from(escaped, "latin1"))]) {
      const r = await read(file, fields, { backslashEscapedQuotes: true });
      expect(r.rows.map((x) => [x.line, (x as Record<string, unknown>).label]), file).toEqual([[2, 'Saint-Quentin "préfecture"'], [4, "Tergnier"]]);
      expect(r.rejections, file).toEqual([{ file, line: 3, column: "valeur", value: "80620;Péronne", reason: "nombre de champs incorrect : 2 champs au lieu de 3" }]);
    }
  });

  it("finds `\\\"` anywhere in a file's content, across two chunks of the read and in a gzip file", async () => {
    const chunk = 1 << 20;
    // A backslash ending the first MiB read, its quote starting the second.
    expect(await holdsBackslashQuote(write("coupe.csv", `${"a".repeat(chunk - 1)}\\"fin\n`))).toBe(true);
    expect(await holdsBackslashQuote(write("coupe-sans.csv", `${"a".repeat(chunk - 1)}\\afin"\n`))).toBe(false);
    expect(await holdsBackslashQuote(write("guillemets.csv", 'a;"b ""c""";\\\n'))).toBe(false);
    expect(await holdsBackslashQuote(write("antislash-loin.csv.gz", gzipSync(`${"x;y\n".repeat(100_000)}"\\""\n`)))).toBe(true);
  });

  it("writes `\\\"` as `\"\"` on the bytes exactly as the reader does on the text, across chunks of the read", async () => {
    // Backslashes, quotes and accents at random, over three chunks of the read, and a backslash ending the first one.
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ["\\", "\\", '"', "a", "é", "\n", ";"];
    const text = Array.from({ length: 3 << 20 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const bytes = Buffer.from(text);
    const cut = (1 << 20) - 1;
    bytes[cut] = 0x5c;
    bytes[cut + 1] = 0x22;
    const copy = path.join(dir, "copie.csv");
    await writeDoubledBackslashQuotes(write("hasard.csv", bytes), copy);
    let expected = "";
    // The reader's rule, on the whole text at once (its chunks are the text's: no boundary of its own).
    for await (const part of doubledBackslashQuotes((async function* () { yield bytes.toString("utf8"); })())) expected += part;
    const written = readFileSync(copy);
    expect(written.length).toBe(bytes.length);
    expect(written.toString("utf8") === expected).toBe(true);
    expect(written[cut]).toBe(0x22);
  });

  it("refuses a cut gzip file with the reader's French message", async () => {
    const whole = gzipSync("code;libelle;valeur\n" + "02691;Saint-Quentin;12\n".repeat(2000));
    const error = await read(write("cut.csv.gz", whole.subarray(0, whole.length - 40))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toContain("fichier gzip tronqué");
  });
});

describe("csvRelation and parquetRelation", () => {
  it("does not offer DuckDB a file whose start is not UTF-8", async () => {
    const file = write("debut-latin.csv", Buffer.from("code;libellé;valeur\n02691;Saint-Quentin;12\n", "latin1"));
    expect(await csvRelation(file, HEADER, FIELDS, "r")).toBeNull();
  });

  it("numbers a Parquet file's rows from 1 and reads typed values as text, NULL as ''", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const file = path.join(dir, "typed.parquet");
    await db.run(`COPY (SELECT * FROM (VALUES ('02691', 'Saint-Quentin', 12), ('80620', 'Péronne', NULL)) t(code, libelle, valeur)) TO '${file}' (FORMAT parquet)`);
    const relation = parquetRelation(file, HEADER, FIELDS);
    const rows = (await db.runAndReadAll(`SELECT * FROM (${relation.sql}) ORDER BY line`, relation.params)).getRowObjectsJS();
    expect(rows.map((r) => ({ ...r, line: Number(r.line) }))).toEqual([
      { line: 1, value: "12", code: "02691", absent: "" },
      { line: 2, value: "", code: "80620", absent: "" },
    ]);
  });
});
