// One error type for everything that can go wrong while downloading, carrying a French message for the
// summary table and the facts the refresh needs to decide what to do next (retry? offline?).
export type DownloadErrorKind =
  | "reseau" // no connection could be made (refused, DNS failure, no route)
  | "delai" // the server stayed silent longer than the idle timeout
  | "interrompu" // the transfer started then stopped before the end
  | "http" // the server answered with an error status
  | "fichier" // local disk problem (writing the file, the cache, the manifest)
  | "contenu" // the server answered, but what it sent is not a readable file of the source (an HTML page, a cut gzip)
  | "limite" // the file went past a bound of the refresh (size, total duration)
  | "configuration"; // a bad URL or option, caught before any network access

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly kind: DownloadErrorKind,
    /** Whether trying again later in the same run has a chance to succeed. */
    readonly retryable: boolean,
    /** True when the failure means the network (or the host) cannot be reached at all. */
    readonly unreachable = false,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

// System error codes meaning "no network or no such host": when every source fails this way the user is
// offline, and the refresh says so instead of listing seven identical failures.
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN"]);

function systemCode(error: unknown): string | undefined {
  // undici wraps socket errors: TypeError("fetch failed") with the system error as `cause`,
  // sometimes nested one more level (AggregateError for happy-eyeballs connects).
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof e.code === "string" && !e.code.startsWith("UND_ERR")) return e.code;
    if (Array.isArray(e.errors) && e.errors.length > 0) current = e.errors[0];
    else current = e.cause;
  }
  return undefined;
}

/**
 * Translates a low-level network error into a DownloadError with a French message. With a proxy, the host
 * that could not be reached may be the proxy itself: the message names it.
 */
export function networkError(error: unknown, url: string, proxy?: string): DownloadError {
  if (error instanceof DownloadError) return error;
  const host = proxy ? `${safeHost(url)} (par le proxy ${safeHost(proxy)})` : safeHost(url);
  const code = systemCode(error);
  switch (code) {
    case "ECONNREFUSED":
      return new DownloadError(`connexion refusée par ${host}`, "reseau", true, true);
    case "ENOTFOUND":
      // A missing DNS name does not come back within seconds: no retry.
      return new DownloadError(`serveur introuvable : ${host} (pas de réseau, ou adresse erronée)`, "reseau", false, true);
    case "EAI_AGAIN":
      return new DownloadError(`résolution du nom ${host} impossible pour l'instant (réseau indisponible ?)`, "reseau", true, true);
    case "ENETUNREACH":
    case "EHOSTUNREACH":
    case "ENETDOWN":
      return new DownloadError(`réseau inaccessible pour joindre ${host}`, "reseau", true, true);
    case "ECONNRESET":
    case "EPIPE":
      return new DownloadError(`connexion coupée par ${host}`, "interrompu", true);
    case "ETIMEDOUT":
      return new DownloadError(`délai de connexion dépassé pour ${host}`, "delai", true);
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
      return new DownloadError(`certificat TLS refusé pour ${host} (${code})`, "reseau", false);
    default: {
      const detail = code ?? (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
      return new DownloadError(`échec réseau vers ${host} (${detail})`, "reseau", true);
    }
  }
}

export function httpError(status: number, statusText: string, url: string): DownloadError {
  const retryable = status >= 500 || status === 429 || status === 408;
  const reason =
    status === 404
      ? "fichier introuvable chez le producteur"
      : status === 400
        ? "requête refusée par le serveur (filtre ou paramètre non reconnu)"
        : status >= 500
          ? "erreur du serveur du producteur"
          : "réponse inattendue du serveur";
  return new DownloadError(`${reason} (HTTP ${status}${statusText ? " " + statusText : ""}) : ${url}`, "http", retryable, false, status);
}

export function describe(error: unknown): string {
  if (error instanceof DownloadError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
