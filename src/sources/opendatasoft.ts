// The Opendatasoft portals (open.urssaf.fr, data.dares.travail-emploi.gouv.fr, data.education.gouv.fr): their CSV
// exports can be filtered by the producer with an ODSQL `where`, so that only the territory's rows travel (a few
// hundred kilobytes instead of national files).

/** An ODSQL string literal: double quotes, with backslash and double quote escaped. */
export function odsqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `field in ("a", "b")`: ODSQL list membership, as used on the v2.1 exports endpoint. */
export function odsqlIn(field: string, values: string[]): string {
  return `${field} in (${values.map(odsqlString).join(", ")})`;
}

/** The CSV export URL of an Opendatasoft v2.1 dataset, `;`-separated, optionally filtered. */
export function odsExportUrl(base: string, dataset: string, where?: string): string {
  // encodeURIComponent rather than URLSearchParams: spaces become %20, never `+`, which some
  // proxies and servers do not decode as a space in a path-style query.
  const query = [`delimiter=${encodeURIComponent(";")}`];
  if (where) query.push(`where=${encodeURIComponent(where)}`);
  return `${base}/api/explore/v2.1/catalog/datasets/${dataset}/exports/csv?${query.join("&")}`;
}

/** Exports filtered by commune code (`code_commune`), split so that no URL gets too long for the server. */
export function odsExportUrlsByCommune(base: string, dataset: string, communes: string[], perRequest: number): string[] {
  const urls: string[] = [];
  for (let i = 0; i < communes.length; i += perRequest) urls.push(odsExportUrl(base, dataset, odsqlIn("code_commune", communes.slice(i, i + perRequest))));
  return urls;
}
