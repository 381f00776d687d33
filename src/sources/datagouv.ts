// The data.gouv.fr catalogue API (v1) as the refresh reads it: datasets with their resources, each resource
// a file with a title, a format and a URL (often on the producer's own site). The sources found there describe
// how they read it (src/sources/<source>/download.ts); src/download/discovery.ts asks.
export interface ApiResource {
  id?: string;
  title?: string;
  format?: string;
  url?: string;
  /** ISO 8601, when the producer last replaced the file. */
  last_modified?: string;
}

export interface ApiDataset {
  title?: string;
  organization?: { name?: string } | null;
  resources?: ApiResource[];
}

/** The resource's format in lower case: the declared one, else the URL's extension. */
export function resourceFormat(r: ApiResource): string {
  return (r.format ?? "").toLowerCase() || (/\.(\w+)(\?|$)/.exec(r.url ?? "")?.[1] ?? "").toLowerCase();
}
