// Streaming download of one URL into one file, with the guarantees the refresh relies on:
// - a bounded wait: the request is aborted when no byte arrives for `idleTimeoutMs` (connection,
//   headers or body alike), so a server that never answers cannot hang the refresh;
// - a bounded whole: `maxDurationMs` per attempt (a server trickling one byte a second resets the idle timer
//   forever) and `maxBytes` received or written (a server sending without end, a gzip that inflates without
//   end); neither is retried, a second try would end the same way;
// - retries with exponential backoff for 5xx answers and network errors;
// - the file appears under its final name only once complete (see atomic.ts), checked against
//   Content-Length when the server sends one;
// - sha256 and size computed on the fly, optional gunzip while streaming.
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { setTimeout as sleep } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import { writeAtomically, type WrittenFile } from "./atomic.ts";
import { DownloadError, httpError, networkError } from "./errors.ts";
import { createHttpClient, type HttpClient, type Response } from "./http.ts";
import { formatBytes } from "./progress.ts";
import { formatDuration, formatNumber, plainSpaces } from "../format/number.ts";

export interface FetchOptions {
  /** Abort when nothing is received for this long. Default 30 s. */
  idleTimeoutMs?: number;
  /** Abort an attempt that lasts longer than this, however steadily bytes arrive. Default 1 h. */
  maxDurationMs?: number;
  /** Abort when more bytes than this are received, or written once decompressed. Default: no cap. */
  maxBytes?: number;
  /** Further attempts after a retryable failure. Default 2. */
  retries?: number;
  /** First backoff delay, doubled at each attempt. Default 1 s. */
  retryDelayMs?: number;
  /** Decompress a gzip body (a `.gz` file, not HTTP content-encoding, which fetch already undoes). */
  gunzip?: boolean;
  /** Extra request headers (If-None-Match, If-Modified-Since for revalidation). */
  headers?: Record<string, string>;
  /** Bytes received so far on the wire, and the expected total when the server announced it. */
  onProgress?: (received: number, total: number | null) => void;
  /** Told before each new attempt, with the reason of the previous failure. */
  onRetry?: (attempt: number, error: DownloadError) => void;
  /** The variable that changes `maxBytes`, named in the message. */
  sizeCapName?: string;
  /** The HTTP client (proxy settings); one from the process environment when absent. */
  http?: HttpClient;
}

export type FetchResult =
  | ({ status: "downloaded"; etag: string | null; lastModified: string | null } & WrittenFile)
  | { status: "not-modified"; etag: string | null; lastModified: string | null };

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_DURATION_MS = 3_600_000;

export async function fetchToFile(url: string, dest: string, options: FetchOptions = {}): Promise<FetchResult> {
  const retries = options.retries ?? 2;
  const baseDelay = options.retryDelayMs ?? 1000;
  const http = options.http ?? createHttpClient();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(url, dest, options, http);
      } catch (e) {
        const error = e instanceof DownloadError ? e : networkError(e, url, http.proxy);
        if (!error.retryable || attempt >= retries) throw error;
        options.onRetry?.(attempt + 1, error);
        await sleep(baseDelay * 2 ** attempt);
      }
    }
  } finally {
    if (!options.http) await http.close();
  }
}

async function attemptOnce(url: string, dest: string, options: FetchOptions, http: HttpClient): Promise<FetchResult> {

  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // The same timer covers connecting, waiting for headers and every gap between body chunks.
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, idleMs);
  };
  const timeoutError = () => new DownloadError(`délai dépassé : aucune donnée reçue pendant ${formatDuration(idleMs / 1000)}`, "delai", true);
  // The whole attempt, however steadily bytes trickle in.
  const maxMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  let overlong = false;
  const wholeTimer = setTimeout(() => {
    overlong = true;
    controller.abort();
  }, maxMs);
  const overlongError = () =>
    new DownloadError(
      `durée maximale dépassée : téléchargement arrêté après ${formatDuration(maxMs / 1000)} (${formatBytesExact(received)} octets reçus ; option --duree-max pour la changer)`,
      "limite",
      false,
    );
  const maxBytes = options.maxBytes ?? Infinity;
  const capName = options.sizeCapName ?? "TI_TAILLE_MAX_<SOURCE>";
  const tooLarge = (what: string) =>
    new DownloadError(`fichier trop volumineux : ${what} (limite de cette source : ${formatBytes(maxBytes)}, variable ${capName} en Mo)`, "limite", false);

  let received = 0;
  let total: number | null = null;
  arm();
  try {
    let response: Response;
    try {
      response = await http.fetch(url, { headers: options.headers, signal: controller.signal, redirect: "follow" });
    } catch (e) {
      throw overlong ? overlongError() : timedOut ? timeoutError() : networkError(e, url, http.proxy);
    }
    const etag = response.headers.get("etag");
    const lastModified = response.headers.get("last-modified");
    if (response.status === 304) {
      await response.body?.cancel().catch(() => {});
      return { status: "not-modified", etag, lastModified };
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw httpError(response.status, response.statusText, url);
    }
    // With a content-encoding, fetch hands over decoded bytes while Content-Length counts encoded ones:
    // the length can then not be checked (a cut is still caught, by the decoder or the socket error).
    const length = response.headers.get("content-length");
    if (length !== null && /^\d+$/.test(length) && !response.headers.get("content-encoding")) total = Number(length);
    if (total !== null && total > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw tooLarge(`le serveur annonce ${formatBytes(total)}, rien n'a été téléchargé`);
    }

    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) return callback(tooLarge(`plus de ${formatBytes(maxBytes)} reçus, téléchargement arrêté`));
        arm();
        options.onProgress?.(received, total);
        callback(null, chunk);
      },
    });
    const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
    // Decompressed bytes are capped too: a small gzip can inflate without end.
    let inflated = 0;
    const inflatedCap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        inflated += chunk.length;
        callback(inflated > maxBytes ? tooLarge(`plus de ${formatBytes(maxBytes)} une fois décompressé, téléchargement arrêté`) : null, chunk);
      },
    });
    const written = await writeAtomically(dest, options.gunzip ? [body, counter, createGunzip(), inflatedCap] : [body, counter], {
      verify: () => {
        if (total !== null && received !== total) throw cutError(received, total);
      },
    });
    return { status: "downloaded", etag, lastModified, ...written };
  } catch (e) {
    if (e instanceof DownloadError) throw e;
    if (overlong) throw overlongError();
    if (timedOut) throw timeoutError();
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && LOCAL_DISK_ERRORS.has(code))
      throw new DownloadError(`écriture impossible de ${dest} (${(e as Error).message})`, "fichier", false);
    if (isGunzipError(e)) {
      // A gzip stream that ends early while bytes were still expected is a cut transfer; if every
      // announced byte arrived, the file itself is damaged at the producer and retrying will not help.
      const early = (e as { code?: string }).code === "Z_BUF_ERROR" || /unexpected end/i.test((e as Error).message);
      if (early && (total === null || received < total)) throw cutError(received, total);
      throw new DownloadError(`fichier gzip illisible ou tronqué chez le producteur (${(e as Error).message})`, "http", false);
    }
    if (received > 0 || total !== null) throw cutError(received, total);
    throw networkError(e, url, http.proxy);
  } finally {
    clearTimeout(timer);
    clearTimeout(wholeTimer);
  }
}

const LOCAL_DISK_ERRORS = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EISDIR"]);

function cutError(received: number, total: number | null): DownloadError {
  const message =
    total !== null
      ? `transfert interrompu : ${formatBytesExact(received)} octets reçus sur ${formatBytesExact(total)} attendus`
      : `transfert interrompu : ${formatBytesExact(received)} octets reçus, la connexion a été fermée avant la fin`;
  return new DownloadError(message, "interrompu", true);
}

function isGunzipError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("Z_");
}

function formatBytesExact(n: number): string {
  return plainSpaces(formatNumber(n));
}

