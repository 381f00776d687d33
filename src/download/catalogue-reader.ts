// The data.gouv.fr catalogue's JSON answers, read through the download cache once per run.
import { readFile } from "node:fs/promises";
import type { DownloadCache, CacheFetchOptions } from "./cache.ts";
import { DownloadError } from "./errors.ts";

export class CatalogueReader {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(
    private readonly cache: DownloadCache,
    private readonly options: CacheFetchOptions,
  ) {}

  /** The JSON answer at `url`, fetched (or revalidated) once per run. */
  read(url: string): Promise<unknown> {
    let answer = this.answers.get(url);
    if (!answer) {
      answer = this.cache.fetch(url, { ...this.options, gunzip: false }).then(async (hit) => {
        try {
          return JSON.parse(await readFile(hit.file, "utf8")) as unknown;
        } catch {
          throw new DownloadError(`réponse illisible du catalogue data.gouv.fr : ${url}`, "http", false);
        }
      });
      this.answers.set(url, answer);
    }
    return answer;
  }
}
