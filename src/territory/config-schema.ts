// The shape of data/territoire.json, declared with zod: which keys exist, their types and formats, each with the French
// message a territory's staff can act on. What depends on other keys or on the official lists (a Territoire
// d'industrie id, a perimeter required without `ti`, overlapping phases, SIRENs of the COG) is checked after it, in
// territory.ts. Every problem is written `fichier:ligne:colonne: chemin : attendu` (`fichier : chemin : attendu` when
// the configuration is not read from a text), the path written as in JavaScript: phases[1].periode.fin.
import { z } from "zod";
import { editDistance } from "../geography/ti-search.ts";
import { formatProblem } from "../format/location.ts";
import { AXES_SETS, type AxesSetId } from "../phases/axes.ts";
import type { JsonPath, JsonPosition } from "../io/json-position.ts";

export const FIRST_REFERENCE_YEAR = 2000;
const SIREN = /^\d{9}$/;
const COMMUNE = /^(\d{5}|\d[AB]\d{3})$/;
const LOWER_ID = /^[a-z0-9-]+$/;

/** What was received, cut short: a whole object given where a list is expected need not be printed back. */
const received = (input: unknown) => {
  if (input === undefined) return "";
  const json = JSON.stringify(input);
  return ` (reçu : ${json.length > 60 ? `${json.slice(0, 59)}…` : json})`;
};
/** A message naming what was received, for every issue of a schema (wrong type, format or range alike). */
const expected = (what: string) => ({ error: (issue: { input?: unknown }) => `${what}${received(issue.input)}` });

const year = (min: number, max: number) => {
  const message = expected(`année de ${min} à ${max} attendue (nombre entier)`);
  return z.int(message).min(min, message).max(max, message);
};
const text = (what: string) => z.string(expected(what)).refine((s) => s.trim() !== "", expected(what));
const lowerId = (example: string) => {
  const message = expected(`identifiant en minuscules attendu (lettres, chiffres, tirets, ex. "${example}")`);
  return z.string(message).regex(LOWER_ID, message);
};
const list = <T extends z.ZodType>(what: string, item: T) => z.array(item, expected(`liste attendue (${what})`));

const AXES_MESSAGE = `"axes-2019" (Attirer, Recruter, Innover, Simplifier) ou "priorites-2023" (les quatre priorités nationales 2023-2027) attendu`;

/** The schema, built at each reading: the accepted years depend on the current year. */
function configSchema(thisYear = new Date().getFullYear()) {
  // The reference year is a year of observed data: from 2000 (the sources start in 2006 at the earliest) to this
  // year. The contract period may run a decade ahead.
  const period = z
    .strictObject(
      { debut: year(FIRST_REFERENCE_YEAR, thisYear + 10), fin: year(FIRST_REFERENCE_YEAR, thisYear + 10) },
      expected(`objet attendu : {"debut": ${thisYear - 1}, "fin": ${thisYear + 3}}`),
    )
    .refine((p) => p.fin >= p.debut, { path: ["fin"], error: (issue) => `année de fin au moins égale à « debut » attendue${received((issue.input as { fin?: unknown })?.fin)}` });
  const perimeter = {
    epci: list("SIREN des EPCI", z.string(expected("SIREN d'EPCI attendu (texte de 9 chiffres)")).regex(SIREN, expected("SIREN d'EPCI attendu (9 chiffres)"))).optional(),
    communes: list("codes INSEE des communes", z.string(expected('code commune INSEE attendu (texte de 5 caractères, ex. "02691")')).regex(COMMUNE, expected('code commune INSEE attendu (5 caractères, ex. "02691")'))).optional(),
  };
  const common = {
    nom: text("nom attendu (texte non vide)").optional(),
    ti: text('identifiant d\'un Territoire d\'industrie attendu (ex. "ti-3208")').optional(),
    annee_reference: year(FIRST_REFERENCE_YEAR, thisYear).optional(),
    axes: z.enum(Object.keys(AXES_SETS) as [AxesSetId, ...AxesSetId[]], expected(AXES_MESSAGE)).optional(),
    ...perimeter,
  };
  const phase = z.strictObject(
    {
      id: z.string(expected('identifiant de phase attendu (ex. "2023-2027")')).regex(/^[A-Za-z0-9-]+$/, expected('identifiant de phase attendu (lettres, chiffres, tirets, ex. "2023-2027")')),
      territoire: lowerId("saint-quentinois-tergnier").optional(),
      periode: period.optional(),
      ...common,
    },
    expected("objet attendu (une phase du contrat)"),
  );
  return z
    .strictObject(
      {
        id: lowerId("haute-picardie").optional(),
        periode_contrat: period.optional(),
        bassins_bmo: list("codes de bassins BMO", z.string(expected('code de bassin BMO attendu (texte de 3 ou 4 chiffres, ex. "3204")')).regex(/^\d{3,4}$/, expected('code de bassin BMO attendu (3 ou 4 chiffres, ex. "3204")'))).optional(),
        phases: list("phases du contrat", phase).min(1, expected("liste non vide de phases attendue")).optional(),
        ...common,
      },
      expected("objet JSON attendu"),
    )
    .superRefine((config, ctx) => {
      // With `phases`, each phase has its own perimeter, period and axes: the same keys at the top would be ignored.
      if (config.phases === undefined) return;
      for (const key of PHASE_ONLY_KEYS)
        if (config[key] !== undefined)
          ctx.addIssue({ code: "custom", path: [key], message: `clé sans effet avec « phases » : à indiquer dans chaque phase${key === "periode_contrat" ? " (« periode »)" : ""}` });
    });
}

/** Keys of a configuration without phases that a configuration with phases gives phase by phase. */
const PHASE_ONLY_KEYS = ["ti", "epci", "communes", "periode_contrat", "annee_reference", "axes"] as const;

export type RawConfig = z.output<ReturnType<typeof configSchema>>;
export type RawPhase = NonNullable<RawConfig["phases"]>[number];

/** `phases[1].periode.fin`, as the key is reached in JavaScript. */
function formatPath(path: JsonPath): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** The accepted key closest to an unknown one, when it is a likely typo. */
function closestKey(key: string, accepted: readonly string[]): string | undefined {
  const scored = accepted.map((k) => ({ k, d: editDistance(key.toLowerCase(), k) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.k : undefined;
}

/** The keys the object at `path` accepts, found by walking the schema along the path. */
function acceptedKeys(path: JsonPath): string[] {
  let schema: z.ZodType = configSchema();
  for (const key of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject && typeof key === "string") schema = schema.shape[key] as z.ZodType;
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

interface SchemaProblem {
  path: (string | number)[];
  /** Set for an unknown key: where it is written. */
  key?: string;
  message: string;
}

/** The problems of the schema, one per wrong value or unknown key. */
function problems(error: z.ZodError): SchemaProblem[] {
  return error.issues.flatMap((issue): SchemaProblem[] => {
    const path = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    if (issue.code !== "unrecognized_keys") return [{ path, message: issue.message }];
    const accepted = acceptedKeys(path);
    return issue.keys.map((key) => {
      const close = closestKey(key, accepted);
      return {
        path: [...path, key],
        key,
        message: `clé inconnue${close ? ` : vouliez-vous dire « ${close} » ?` : ` (clés possibles : ${accepted.join(", ")})`}`,
      };
    });
  });
}

export type Locate = (path: JsonPath, key?: string) => JsonPosition | undefined;

/**
 * `fichier:ligne:colonne: message` when the text locates `at` (the value at that path, or the key `key` of the
 * object there), `fichier : message` otherwise.
 */
export function locatedProblem(file: string, locate: Locate | undefined, message: string, at: JsonPath = [], key?: string): { text: string; position?: JsonPosition } {
  const position = locate?.(at, key);
  return position ? { text: formatProblem({ file, line: position.line, column: String(position.column) }, message), position } : { text: `${file} : ${message}` };
}

/**
 * The configuration with its shape checked, or the French list of its problems, one per line, each
 * `chemin : attendu` (in the order of the file when it is located).
 */
export function checkConfigShape(raw: unknown, file: string, locate?: Locate): { config: RawConfig } | { error: string } {
  const result = configSchema().safeParse(raw, { error: z.locales.fr().localeError });
  if (result.success) return { config: result.data };
  const located = problems(result.error).map((p) =>
    locatedProblem(file, locate, p.path.length > 0 ? `${formatPath(p.path)} : ${p.message}` : p.message, p.key !== undefined ? p.path.slice(0, -1) : p.path, p.key),
  );
  const order = (a?: JsonPosition, b?: JsonPosition) => (a && b ? a.line - b.line || a.column - b.column : 0);
  return { error: located.sort((a, b) => order(a.position, b.position)).map((p) => p.text).join("\n") };
}
