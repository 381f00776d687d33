import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, detectEncoding, readFirstLine } from "../../src/io/read-text.ts";
import { detectDelimiter, openCsv, type CsvRecord } from "../../src/io/csv.ts";
import { parseCount, parseDecimal } from "../../src/io/values.ts";
import { isIndustry, nafDivision, normaliseApe, normaliseCommuneCode } from "../../src/io/codes.ts";
import { departementCode, matchCommuneName, normaliseName } from "../../src/io/commune-names.ts";

const dir = mkdtempSync(path.join(tmpdir(), "io-"));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
async function records(file: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of (await openCsv(file)).records()) out.push(r);
  return out;
}

describe("read-text: decoding", () => {
  it("strips a UTF-8 BOM and reports it", () => {
    const d = decodeBytes(Buffer.from("\uFEFFcode_commune;x", "utf8"));
    expect(d).toEqual({ text: "code_commune;x", encoding: "utf-8", bom: true });
  });
  it("reads bytes that are not valid UTF-8 as Windows-1252", () => {
    const d = decodeBytes(iconv.encode("Péronne;Œuvre", "win1252"));
    expect(d.encoding).toBe("windows-1252");
    expect(d.text).toBe("Péronne;Œuvre");
  });
  it("decides Windows-1252 from an invalid byte far into the file, not from a sample", async () => {
    const utf8 = "a;b\n" + "1;2\n".repeat(100_000);
    const file = write("late.csv", Buffer.concat([Buffer.from(utf8), iconv.encode("3;é\n", "win1252")]));
    expect(await detectEncoding(file)).toEqual({ encoding: "windows-1252", bom: false });
    expect((await records(file)).at(-1)).toEqual({ line: 100_002, cells: ["3", "é"] });
  });
  it("reads the first line without the BOM and the carriage return", async () => {
    expect(await readFirstLine(write("crlf.csv", "\uFEFFa;b\r\n1;2\r\n"))).toBe("a;b");
  });
});

describe("csv: streaming reader", () => {
  it("detects the separator from the header line, ignoring separators inside quotes", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter('"x;y;z",b,c')).toBe(",");
  });
  it("numbers records by the line where they start (quoted newlines, blank lines, CRLF)", async () => {
    const file = write("lines.csv", 'a;b\r\n1;2\r\n\r\n3;"x\r\ny"\r\n4;5\r\n');
    expect(await records(file)).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 4, cells: ["3", "x\r\ny"] },
      { line: 6, cells: ["4", "5"] },
    ]);
  });
  it("rejects a last line cut before its end (no final newline, fewer fields)", async () => {
    const [, last] = await records(write("cut.csv", "a;b;c\n1;2;3\n4;5"));
    expect(last).toEqual({ line: 3, cells: ["4", "5"], problem: { column: "c", reason: "dernière ligne tronquée : 2 champs au lieu de 3 (fichier coupé ?)" } });
  });
  it("accepts a complete last line without final newline", async () => {
    expect(await records(write("nonl.csv", "a;b\n1;2"))).toEqual([{ line: 2, cells: ["1", "2"] }]);
  });
  it("rejects a file cut inside a quoted field", async () => {
    const [r] = await records(write("quote.csv", 'a,b\n1,"2'));
    expect(r!.problem?.reason).toBe("ligne tronquée : guillemet ouvert jamais refermé (fichier coupé ?)");
  });
  it("flags a record with a wrong number of fields in the middle of the file", async () => {
    const [r, s] = await records(write("width.csv", "a;b\n1;2;3\n4;5\n"));
    expect(r!.problem).toEqual({ column: "", reason: "nombre de champs incorrect : 3 champs au lieu de 2" });
    expect(s!.problem).toBeUndefined();
  });
});

describe("values: counts and decimals", () => {
  it("parses integer counts, with spaces as thousands separators", () => {
    expect(parseCount("131")).toEqual({ ok: true, value: 131 });
    expect(parseCount("1 234")).toEqual({ ok: true, value: 1234 });
    expect(parseCount("12.0")).toEqual({ ok: true, value: 12 });
  });
  it("turns secret markers and empty cells into null with their kind", () => {
    for (const marker of ["*", "s", "nd", "S", " nd "]) expect(parseCount(marker)).toEqual({ ok: true, value: null, missing: "secret" });
    expect(parseCount("")).toEqual({ ok: true, value: null, missing: "vide" });
  });
  it("rejects negative, fractional and non-numeric counts", () => {
    expect(parseCount("-5")).toEqual({ ok: false, reason: "valeur négative" });
    expect(parseCount("2,5")).toEqual({ ok: false, reason: "nombre entier attendu" });
    expect(parseCount("abc")).toEqual({ ok: false, reason: "valeur non numérique" });
  });
  it("parses decimals written with a decimal comma", () => {
    expect(parseDecimal("1234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1 234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1234.25")).toEqual({ ok: true, value: 1234.25 });
    expect(parseDecimal("-1")).toEqual({ ok: false, reason: "valeur négative" });
  });
});

describe("codes: communes and activities", () => {
  it("normalises commune codes to 5 characters", () => {
    expect(normaliseCommuneCode("2691")).toBe("02691");
    expect(normaliseCommuneCode("02691")).toBe("02691");
    expect(normaliseCommuneCode("2691.0")).toBe("02691");
    expect(normaliseCommuneCode("2a004")).toBe("2A004");
    expect(normaliseCommuneCode("2B033")).toBe("2B033");
    expect(normaliseCommuneCode("691")).toBeNull();
    expect(normaliseCommuneCode("Saint-Quentin")).toBeNull();
  });
  it("normalises APE codes to the dotted NAF form and finds their division", () => {
    expect(normaliseApe("2511Z")).toBe("25.11Z");
    expect(normaliseApe("25.11z")).toBe("25.11Z");
    expect(normaliseApe("2511")).toBeNull();
    expect(nafDivision("2511Z")).toBe("25");
    expect(nafDivision("05.10Z")).toBe("05");
  });
  it("counts as industry the NAF divisions 05 to 39 only", () => {
    expect(isIndustry("05.10Z")).toBe(true);
    expect(isIndustry("2511Z")).toBe(true);
    expect(isIndustry("39.00Z")).toBe(true);
    expect(isIndustry("01.11Z")).toBe(false);
    expect(isIndustry("41.20A")).toBe(false);
    expect(isIndustry("47.11D")).toBe(false);
  });
});

describe("commune-names: matching a name within its département", () => {
  it("normalises accents, case, hyphens, apostrophes and ST/STE", () => {
    expect(normaliseName("Saint-Quentin")).toBe("SAINT QUENTIN");
    expect(normaliseName("ST QUENTIN")).toBe("SAINT QUENTIN");
    expect(normaliseName("Péronne")).toBe("PERONNE");
    expect(normaliseName("L'Épine-aux-Bois")).toBe("L EPINE AUX BOIS");
  });
  it("finds the département by name or code", () => {
    expect(departementCode("AISNE")).toBe("02");
    expect(departementCode("Somme")).toBe("80");
    expect(departementCode("2")).toBe("02");
    expect(departementCode("AISEN")).toBeUndefined();
  });
  it("matches current communes, then former communes to their current commune", () => {
    expect(matchCommuneName("ST-QUENTIN", "02")).toEqual({ kind: "ok", code: "02691" });
    expect(matchCommuneName("PERONNE", "80")).toEqual({ kind: "ok", code: "80620" });
    expect(matchCommuneName("FARGNIERS", "02")).toEqual({ kind: "ok", code: "02738" });
    expect(matchCommuneName("PERONNE", "02")).toEqual({ kind: "rejected", reason: "commune « PERONNE » introuvable dans le département 02" });
  });
});
