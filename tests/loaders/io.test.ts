import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { decodeBytes, detectEncoding, openTextStream, readFirstLine, readPrefix } from "../../src/io/read-text.ts";
import { detectDelimiter, doubledBackslashQuotes, openCsv, type CsvRecord } from "../../src/io/csv.ts";
import { zipEntryNames } from "../../src/io/zip.ts";
import { LoadError } from "../../src/sources/types.ts";
import { isoDate, MissingCounter, parseCount, parseDate, parseDecimal, parseText, parseWktPoint } from "../../src/io/values.ts";
import { canonicalNomenclature, isIndustry, nafDivision, normaliseApe, normaliseCommuneCode, uaiDepartement } from "../../src/io/codes.ts";
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
    expect(await detectEncoding(file)).toEqual({ encoding: "windows-1252", bom: false, firstInvalidLine: 100_002 });
    expect((await records(file)).at(-1)).toEqual({ line: 100_002, cells: ["3", "é"] });
  });
  it("reads the first line without the BOM and the carriage return", async () => {
    expect(await readFirstLine(write("crlf.csv", "\uFEFFa;b\r\n1;2\r\n"))).toBe("a;b");
  });
});

describe("read-text: gzip-compressed files", () => {
  const cut = (bytes: Buffer) => bytes.subarray(0, bytes.length - 100);
  const cutMessage = (file: string) =>
    `${file}:1:: fichier gzip tronqué ou illisible (les données compressées s'arrêtent avant leur fin : téléchargement interrompu ?) : téléchargez-le à nouveau`;
  async function failure(promise: Promise<unknown>): Promise<string> {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    return (error as LoadError).message;
  }
  async function readText(file: string): Promise<string> {
    let text = "";
    for await (const chunk of openTextStream(file, "utf-8") as AsyncIterable<string>) text += chunk;
    return text;
  }
  // 200 000 numbered lines: about 2.7 MB of text, 0.9 MB compressed.
  const numbered = Buffer.from("a;b\n" + Array.from({ length: 200_000 }, (_, i) => `${i};${i * 7}\n`).join(""));

  it("reads a gzip file through every reader as its decompressed content (encoding, BOM, first line, records)", async () => {
    const file = write("bom.csv.gz", gzipSync(Buffer.from("\uFEFFa;b\r\n1;é\r\n2;3\r\n")));
    expect(await detectEncoding(file)).toEqual({ encoding: "utf-8", bom: true });
    expect(await readFirstLine(file)).toBe("a;b");
    expect(await records(file)).toEqual([
      { line: 2, cells: ["1", "é"] },
      { line: 3, cells: ["2", "3"] },
    ]);
  });

  it("detects a gzipped Windows-1252 file as Windows-1252 and decodes it", async () => {
    const file = write("cp1252.csv.gz", gzipSync(iconv.encode("commune;n\nPéronne;1\n", "win1252")));
    expect(await detectEncoding(file)).toEqual({ encoding: "windows-1252", bom: false, firstInvalidLine: 2 });
    expect(await records(file)).toEqual([{ line: 2, cells: ["Péronne", "1"] }]);
  });

  it("returns the first decompressed bytes of a gzip file without reading it to its end", async () => {
    const gz = gzipSync(numbered);
    expect(gz.length).toBeGreaterThan(300_000);
    // Cut near its end: reading the whole file fails, reading a prefix does not get there.
    const file = write("long-cut.csv.gz", cut(gz));
    expect((await readPrefix(file, 20)).toString()).toBe("a;b\n0;0\n1;7\n2;14\n3;2");
    expect((await readPrefix(file)).equals(numbered.subarray(0, 1 << 16))).toBe(true);
    expect(await readFirstLine(file)).toBe("a;b");
    expect(await failure(detectEncoding(file))).toBe(cutMessage(file));
  });

  it("refuses a cut gzip file with a French LoadError naming it, from every reader that reaches the cut", async () => {
    const file = write("cut.csv.gz", cut(gzipSync(numbered)));
    expect(await failure(openCsv(file))).toBe(cutMessage(file));
    expect(await failure(readText(file))).toBe(cutMessage(file));
    // Cut before the header line ends: detection already fails.
    const early = write("cut-early.csv.gz", gzipSync(numbered).subarray(0, 8));
    expect(await failure(readFirstLine(early))).toBe(cutMessage(early));
  });

  it("reads a cut Windows-1252 gzip to its end, so that it is refused like a UTF-8 one", async () => {
    const file = write("cut-cp1252.csv.gz", cut(gzipSync(Buffer.concat([iconv.encode("commune;n\nPéronne;1\n", "win1252"), numbered]))));
    expect(await failure(detectEncoding(file))).toBe(cutMessage(file));
  });

  it("refuses a gzip file whose checksum does not match its content", async () => {
    const gz = gzipSync(Buffer.from("a;b\n1;2\n"));
    gz[gz.length - 8]! ^= 0xff; // first byte of the CRC-32 of the trailer
    const file = write("crc.csv.gz", gz);
    expect(await failure(detectEncoding(file))).toBe(`${file}:1:: fichier gzip tronqué ou illisible (données compressées corrompues) : téléchargez-le à nouveau`);
  });
});

describe("zip: entries of an archive", () => {
  async function zip(names: string[]): Promise<Buffer> {
    const archive = new JSZip();
    for (const name of names) archive.file(name, "x");
    return archive.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("lists the entries from the central directory (names in UTF-8), folders included", async () => {
    const file = write("two.zip", await zip(["geo_siret_02.csv", "doc/notice é.pdf"]));
    expect(await zipEntryNames(file)).toEqual(["geo_siret_02.csv", "doc/", "doc/notice é.pdf"]);
  });

  it("follows the zip64 record of an archive over 4 GB", async () => {
    // The same archive rewritten the zip64 way: end record fields saturated, real values in the zip64 record.
    const bytes = await zip(["geo_siret_02.csv"]);
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(1n, 24);
    record.writeBigUInt64LE(1n, 32);
    record.writeBigUInt64LE(BigInt(bytes.readUInt32LE(end + 12)), 40);
    record.writeBigUInt64LE(BigInt(bytes.readUInt32LE(end + 16)), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(end), 8);
    locator.writeUInt32LE(1, 16);
    const endRecord = Buffer.from(bytes.subarray(end));
    endRecord.writeUInt16LE(0xffff, 8);
    endRecord.writeUInt16LE(0xffff, 10);
    endRecord.writeUInt32LE(0xffffffff, 12);
    endRecord.writeUInt32LE(0xffffffff, 16);
    const file = write("zip64.zip", Buffer.concat([bytes.subarray(0, end), record, locator, endRecord]));
    expect(await zipEntryNames(file)).toEqual(["geo_siret_02.csv"]);
  });

  it("gives null for an archive cut before its central directory ends", async () => {
    const bytes = await zip(["geo_siret_02.csv"]);
    expect(await zipEntryNames(write("cut.zip", bytes.subarray(0, bytes.length - 30)))).toBeNull();
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
      { line: 4, cells: ["3", "x\ny"] }, // line endings normalised, inside cells too
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
  it("reads NA (and N/A, NaN) as a value not given, in numbers, texts and dates, never as 0 or as the text « NA »", () => {
    for (const marker of ["NA", "na", " NA ", "N/A", "NaN"]) {
      expect(parseDecimal(marker)).toEqual({ ok: true, value: null, missing: "non_renseigne" });
      expect(parseCount(marker)).toEqual({ ok: true, value: null, missing: "non_renseigne" });
      expect(parseText(marker)).toBeNull();
      expect(parseDate(marker)).toEqual({ ok: true, value: null, missing: "non_renseigne" });
    }
    expect(parseText("  Nantes ")).toBe("Nantes");
    expect(parseText("")).toBeNull();
    const counter = new MissingCounter();
    for (const kind of ["non_renseigne", "non_renseigne", "secret", "vide"] as const) counter.add(kind);
    expect(counter.note()).toBe("1 valeur(s) secrète(s), 2 valeur(s) non renseignée(s) (NA) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });
});

describe("csv: quotes escaped with a backslash", () => {
  it("turns a backslash-quote into a doubled quote, also when a chunk ends on the backslash", async () => {
    async function* chunks() {
      yield 'a;"x \\';
      yield '"y\\" z";b\n';
      yield "c:\\dossier\\";
    }
    const out: string[] = [];
    for await (const c of doubledBackslashQuotes(chunks())) out.push(c);
    expect(out.join("")).toBe('a;"x ""y"" z";b\nc:\\dossier\\');
  });
});

describe("values: dates and points", () => {
  it("reads dates written JJ/MM/AAAA (French exports) or AAAA-MM-JJ, and refuses impossible days", () => {
    expect(parseDate("05/06/2023")).toEqual({ ok: true, value: { year: 2023, month: 6, day: 5 } });
    expect(parseDate("2023-06-05")).toEqual({ ok: true, value: { year: 2023, month: 6, day: 5 } });
    expect(parseDate("2023-06-05 14:30:00")).toEqual({ ok: true, value: { year: 2023, month: 6, day: 5 } });
    expect(parseDate("2023-06-05T14:30:00Z")).toEqual({ ok: true, value: { year: 2023, month: 6, day: 5 } });
    expect(parseDate("")).toEqual({ ok: true, value: null, missing: "vide" });
    for (const bad of ["31/02/2023", "2023/06/05", "5/6/2023", "juin 2023"])
      expect(parseDate(bad), bad).toEqual({ ok: false, reason: "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ attendu)" });
    expect(isoDate({ year: 2023, month: 6, day: 5 })).toBe("2023-06-05");
  });
  it("reads a WKT point as longitude then latitude; NA is no point; anything else says why", () => {
    expect(parseWktPoint("POINT (3.2876 49.8465)")).toEqual({ ok: true, value: { longitude: 3.2876, latitude: 49.8465 } });
    expect(parseWktPoint("point(-1.5 47.2)")).toEqual({ ok: true, value: { longitude: -1.5, latitude: 47.2 } });
    expect(parseWktPoint("SRID=4326;POINT (2.35 48.85)")).toEqual({ ok: true, value: { longitude: 2.35, latitude: 48.85 } });
    expect(parseWktPoint("NA")).toEqual({ ok: true, value: null });
    expect(parseWktPoint("POINT (3.2 )")).toEqual({ ok: false, reason: "point WKT illisible (POINT (longitude latitude) attendu)" });
    expect(parseWktPoint("POLYGON ((3 49, 3.1 49, 3 49.1, 3 49))")).toMatchObject({ ok: false });
    // Lambert 93 metres are not degrees.
    expect(parseWktPoint("POINT (724500 6977000)")).toEqual({ ok: false, reason: "coordonnées hors des bornes de longitude et de latitude (WGS84 attendu)" });
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
  it("spells Sirene nomenclatures as INSEE does (NAFRev2...), reading the NAFv2/NAFv1 of older demonstration files", () => {
    expect(canonicalNomenclature("NAFRev2")).toBe("NAFRev2");
    expect(canonicalNomenclature("NAFv2")).toBe("NAFRev2");
    expect(canonicalNomenclature("naf rev 2")).toBe("NAFRev2");
    expect(canonicalNomenclature("NAFv1")).toBe("NAFRev1");
    expect(canonicalNomenclature("NAFRev1")).toBe("NAFRev1");
    expect(canonicalNomenclature("NAF1993")).toBe("NAF1993");
    expect(canonicalNomenclature("NAP")).toBe("NAP");
    expect(canonicalNomenclature("NAF2025")).toBeNull(); // not a nomenclature of the stock's activity column (yet)
    expect(canonicalNomenclature("")).toBeNull();
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
  it("reads the producers' abbreviations (ST, STE, HT, HTE, HTS, HTES) and an article written after the name", () => {
    expect(normaliseName("ALPES-DE-HTE-PROVENCE")).toBe(normaliseName("Alpes-de-Haute-Provence"));
    expect(normaliseName("HTES-PYRENEES")).toBe("HAUTES PYRENEES");
    expect(normaliseName("STE-MARIE")).toBe("SAINTE MARIE");
    expect(normaliseName("FERE (LA)")).toBe("LA FERE");
    expect(normaliseName("EPINE AUX BOIS (L')")).toBe("L EPINE AUX BOIS");
    expect(normaliseName("HOSTEL")).toBe("HOSTEL"); // only whole words are abbreviations
  });
  it("finds the département by name or code, in the upper-case abbreviated spellings of the producers", () => {
    expect(departementCode("AISNE")).toBe("02");
    expect(departementCode("Somme")).toBe("80");
    expect(departementCode("SOMME")).toBe("80");
    expect(departementCode("2")).toBe("02");
    expect(departementCode("SEINE-ST-DENIS")).toBe("93");
    expect(departementCode("HTE-GARONNE")).toBe("31");
    expect(departementCode("HAUTS-DE-SEINE")).toBe("92");
    expect(departementCode("HTS-DE-SEINE")).toBe("92");
    expect(departementCode("HT-RHIN")).toBe("68");
    expect(departementCode("CORSE-DU-SUD")).toBe("2A");
    expect(departementCode("HTE-CORSE")).toBe("2B");
    expect(departementCode("ALPES-DE-HTE-PROVENCE")).toBe("04");
    expect(departementCode("VAL-D-OISE")).toBe("95");
    expect(departementCode("COTES D'ARMOR")).toBe("22");
    expect(departementCode("TERRITOIRE-DE-BELFORT")).toBe("90");
    expect(departementCode("LA REUNION")).toBe("974");
    expect(departementCode("REUNION")).toBe("974");
    expect(departementCode("ST-PIERRE-ET-MIQUELON")).toBe("975");
    expect(departementCode("NOUVELLE CALEDONIE")).toBe("988");
    expect(departementCode("AISEN")).toBeUndefined();
    expect(departementCode("T-DE-BELFORT")).toBeUndefined();
  });
  it("tells the département of a school from its UAI number (Corsica numbered 620 and 720)", () => {
    expect(uaiDepartement("0020012C")).toBe("02");
    expect(uaiDepartement("0801327Y")).toBe("80");
    expect(uaiDepartement("6200002F")).toBe("2A");
    expect(uaiDepartement("7200009X")).toBe("2B");
    expect(uaiDepartement("9740001H")).toBe("974");
    expect(uaiDepartement("1234567A")).toBeUndefined();
    expect(uaiDepartement("002001C")).toBeUndefined();
  });
  it("matches current communes, then former communes to their current commune", () => {
    expect(matchCommuneName("ST-QUENTIN", "02")).toEqual({ kind: "ok", code: "02691" });
    expect(matchCommuneName("AIZECOURT-LE-HT", "80")).toEqual({ kind: "ok", code: "80015" });
    expect(matchCommuneName("MESNIL-ST-NICAISE", "80")).toEqual({ kind: "ok", code: "80542" });
    expect(matchCommuneName("FERE (LA)", "02")).toEqual({ kind: "ok", code: "02304" });
    expect(matchCommuneName("PERONNE", "80")).toEqual({ kind: "ok", code: "80620" });
    expect(matchCommuneName("FARGNIERS", "02")).toEqual({ kind: "ok", code: "02738" });
    expect(matchCommuneName("PERONNE", "02")).toEqual({ kind: "rejected", reason: "commune « PERONNE » introuvable dans le département 02" });
  });
});
