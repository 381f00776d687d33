// Turning the child processes' measures into the benchmark's answer: medians over repetitions, ratios
// against the DuckDB contender doing the same work in the same run, a French table and a JSON record.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { formatNumber } from "../src/format/number.ts";
import type { AggregatesChecksum, Contender, LevelTotals, RunResult } from "./contenders.ts";

export const RESULT_PREFIX = "RESULTAT_BENCH ";

/** The result line a worker printed; throws (in French) when there is none or it is not valid JSON. */
export function parseWorkerOutput(stdout: string): RunResult {
  const line = stdout
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error("le processus de mesure n'a pas rendu de résultat");
  const parsed = JSON.parse(line.slice(RESULT_PREFIX.length)) as Partial<RunResult>;
  if (typeof parsed.contender !== "string" || typeof parsed.seconds !== "number" || typeof parsed.peakRssMb !== "number")
    throw new Error(`résultat de mesure incomplet : ${line.slice(RESULT_PREFIX.length, RESULT_PREFIX.length + 200)}`);
  return parsed as RunResult;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("médiane d'une liste vide");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Summary {
  contender: string;
  code: string;
  label: string;
  reference: string | null;
  repetitions: number;
  rowsRead: number | null;
  rowsLoaded: number | null;
  jobsTotal: number | null;
  rejections: number | null;
  /** Medians over the repetitions. */
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  startRssMb: number;
  /** Totals of urssaf_agregats per level (last run), null when the contender does not write them. */
  aggregates: AggregatesChecksum | null;
  /** Contender / reference, on the medians; null for a contender without reference. */
  timeRatio: number | null;
  memoryRatio: number | null;
  /** The same ratios against Contender.alsoAgainst, null without one. */
  alsoAgainst: { reference: string; timeRatio: number | null; memoryRatio: number | null } | null;
  /** Every repetition, for the record. */
  runs: RunResult[];
}

/** Medians per contender (in the order of `contenders`), then ratios against each one's reference. */
export function summarise(contenders: readonly Contender[], runs: readonly RunResult[]): Summary[] {
  const summaries = contenders
    .map((c) => ({ c, mine: runs.filter((r) => r.contender === c.id) }))
    .filter(({ mine }) => mine.length > 0)
    .map(({ c, mine }): Summary => {
      const last = mine[mine.length - 1]!;
      return {
        contender: c.id,
        code: c.code,
        label: c.label,
        reference: c.reference,
        repetitions: mine.length,
        rowsRead: last.rowsRead,
        rowsLoaded: last.rowsLoaded,
        jobsTotal: last.jobsTotal,
        rejections: last.rejections,
        aggregates: last.aggregates ?? null,
        seconds: median(mine.map((r) => r.seconds)),
        cpuSeconds: median(mine.map((r) => r.cpuSeconds)),
        peakRssMb: median(mine.map((r) => r.peakRssMb)),
        startRssMb: median(mine.map((r) => r.startRssMb)),
        timeRatio: null,
        memoryRatio: null,
        alsoAgainst: c.alsoAgainst === undefined ? null : { reference: c.alsoAgainst, timeRatio: null, memoryRatio: null },
        runs: [...mine],
      };
    });
  const ratios = (s: Summary, refId: string | null) => {
    const ref = summaries.find((r) => r.contender === refId);
    return ref ? { timeRatio: ref.seconds > 0 ? s.seconds / ref.seconds : null, memoryRatio: ref.peakRssMb > 0 ? s.peakRssMb / ref.peakRssMb : null } : null;
  };
  for (const s of summaries) {
    Object.assign(s, ratios(s, s.reference));
    if (s.alsoAgainst) Object.assign(s.alsoAgainst, ratios(s, s.alsoAgainst.reference));
  }
  return summaries;
}

/** The counts a contender and its reference are compared on, with their French words. */
const COUNT_WORDS = { rowsRead: "lignes lues", rowsLoaded: "lignes chargées", jobsTotal: "emplois chargés" } as const;
export type CheckedCount = keyof typeof COUNT_WORDS;

/**
 * Pairs (contender, its DuckDB reference doing the same work, or the one it is also measured against) whose `checked`
 * counts differ, or whose aggregates (urssaf_agregats per level, communes seen) differ when both wrote them.
 */
export function mismatches(summaries: readonly Summary[], checked: readonly CheckedCount[] = ["rowsLoaded", "jobsTotal"]): string[] {
  const out: string[] = [];
  for (const s of summaries)
    for (const refId of [s.reference, s.alsoAgainst?.reference]) {
      const ref = summaries.find((r) => r.contender === refId);
      if (!ref || ref.rowsLoaded === null || s.rowsLoaded === null) continue;
      if (checked.some((k) => s[k] !== ref[k]))
        out.push(`${s.label} : ${checked.map((k) => `${count(s[k])} ${COUNT_WORDS[k]}`).join(" et ")}, contre ${checked.map((k) => count(ref[k])).join(" et ")} pour ${ref.label}`);
      if (s.aggregates && ref.aggregates) out.push(...aggregateDifferences(s, ref));
    }
  return out;
}

const levelWords = (l: LevelTotals | undefined) =>
  l === undefined
    ? "absent"
    : `${count(l.lignes)} lignes, ${count(l.etablissements)} établissements, ${count(l.effectifs)} emplois, ${count(l.inconnusEtablissements)} et ${count(l.inconnusEffectifs)} cellules inconnues, ${count(l.effectifsNuls)} sommes d'emplois inconnues`;

/** The levels (and the communes seen) on which two contenders' aggregates differ, in French. */
function aggregateDifferences(s: Summary, ref: Summary): string[] {
  const mine = s.aggregates!;
  const theirs = ref.aggregates!;
  const out: string[] = [];
  const niveaux = [...new Set([...mine.niveaux, ...theirs.niveaux].map((l) => l.niveau))].sort();
  for (const niveau of niveaux) {
    const [a, b] = [mine.niveaux.find((l) => l.niveau === niveau), theirs.niveaux.find((l) => l.niveau === niveau)];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${s.label} : agrégats du niveau ${niveau} : ${levelWords(a)}, contre ${levelWords(b)} pour ${ref.label}`);
  }
  if (mine.communesVues !== theirs.communesVues)
    out.push(`${s.label} : ${count(mine.communesVues)} communes vues, contre ${count(theirs.communesVues)} pour ${ref.label}`);
  return out;
}

const ratio = (r: number | null) => (r === null ? "—" : `× ${formatNumber(r, 2)}`);
const count = (n: number | null) => (n === null ? "—" : formatNumber(n));

/** One line per contender also measured against another one than its reference: « a / c2 : temps × 2,50, mémoire × 1,10 (…). » */
export function alsoAgainstLines(summaries: readonly Summary[]): string[] {
  return summaries.flatMap((s) => {
    const other = summaries.find((r) => r.contender === s.alsoAgainst?.reference);
    if (!s.alsoAgainst || !other) return [];
    return [`${s.code} / ${other.code} (${other.label}) : temps ${ratio(s.alsoAgainst.timeRatio)}, mémoire ${ratio(s.alsoAgainst.memoryRatio)}.`];
  });
}

/** The French table: one line per contender, columns aligned. Ratios are on wall time and peak RSS. */
export function formatTable(summaries: readonly Summary[]): string {
  const header = ["Concurrent", "Lignes lues", "Lignes chargées (long)", "Secondes", "CPU (s)", "RSS max (Mo)", "Temps / réf.", "Mémoire / réf.", "Réf."];
  const codeOf = (id: string | null) => summaries.find((s) => s.contender === id)?.code ?? "—";
  const rows = summaries.map((s) => [
    `${s.code.padEnd(2)} ${s.label}`,
    count(s.rowsRead),
    count(s.rowsLoaded),
    formatNumber(s.seconds, 1),
    formatNumber(s.cpuSeconds, 1),
    formatNumber(s.peakRssMb, 0),
    ratio(s.timeRatio),
    ratio(s.memoryRatio),
    s.reference === null ? "—" : codeOf(s.reference),
  ]);
  const numeric = new Set([1, 2, 3, 4, 5, 6, 7]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ").trimEnd();
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(fmt)].join("\n");
}

/** Name of the results file: `resultats-2025-06-01T14-03-22.json` (local time, sortable, no colon). */
export function resultsFileName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `resultats-${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}.json`;
}

/** The machine's load average (1, 5, 15 min) before and after the runs. */
export interface MachineLoad {
  before: number[];
  after: number[];
}

/** What both benches print and record after their runs. */
export interface BenchOutcome {
  /** First line, e.g. « Ingestion d'un fichier URSSAF national : … ». */
  title: string;
  repetitions: number;
  summaries: readonly Summary[];
  /** Lines printed under the table, before the ratio and load line. */
  notes: readonly string[];
  load: MachineLoad;
  /** Contenders that do not read or load what their reference does (mismatches). */
  differences: readonly string[];
  /** Line printed when there is no difference. */
  agreement: string;
}

/** The lines printed after the runs: title, medians, the table, the notes, the ratio and load line, the check. */
export function outcomeLines(o: BenchOutcome, cores = os.cpus().length): string[] {
  const lines = ["", o.title, `Médiane sur ${o.repetitions} répétition(s) ; chaque concurrent dans un processus neuf.`, "", formatTable(o.summaries), "", ...o.notes, ...alsoAgainstLines(o.summaries)];
  lines.push(`Ratio = concurrent / référence du même run. Charge de la machine (1 min) : ${formatNumber(o.load.before[0]!, 2)} avant, ${formatNumber(o.load.after[0]!, 2)} après, ${cores} cœurs.`);
  if (o.differences.length > 0) lines.push("ATTENTION : le chargeur et DuckDB ne lisent ou ne chargent pas la même chose :", ...o.differences.map((d) => `  - ${d}`));
  else lines.push(o.agreement);
  return lines;
}

/**
 * Writes the JSON record of the run in `dir` (file named by resultsFileName, `prefix` after `resultats-`): `about`
 * (the measured files) and `extra` around the medians, the machine and the unit of memory. Returns its path.
 */
export async function writeResults(dir: string, prefix: string, o: BenchOutcome, about: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(dir, resultsFileName(new Date()).replace("resultats-", `resultats-${prefix}`));
  const record = {
    date: new Date().toISOString(),
    ...about,
    repetitions: o.repetitions,
    machine: { coeurs: os.cpus().length, memoire_mo: Math.round(os.totalmem() / 1024 / 1024), node: process.version, charge_avant: o.load.before, charge_apres: o.load.after },
    unite_memoire: "Mio (process.resourceUsage().maxRSS / 1024)",
    ...extra,
    resultats: o.summaries,
    ecarts: o.differences,
  };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
