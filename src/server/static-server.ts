// The static server of the built site, bound to 127.0.0.1: `npm run serve`, `ti report` (Chromium prints the
// report pages from it) and the browser tests. Files are served by serve-static (Express's, with `send`): it
// decodes and normalises the path, answers 400 to a malformed one (`/%E0%A4%A`) and 403 to one climbing out of
// the folder, ignores dot-files, and handles HEAD, ranges and conditional requests. This module adds Framework's
// clean URLs ("/donnees-officielles" is "donnees-officielles.html"), French error pages, and a French message
// when the port is taken; no request, however malformed, stops the server.
import { createReadStream, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import serveFiles from "serve-static";

/** Types mime-db does not know (yet): the data files the site fetches. */
const EXTRA_TYPES: Record<string, string> = {
  ".parquet": "application/vnd.apache.parquet",
  ".arrow": "application/vnd.apache.arrow.file",
};

const ERROR_TEXT: Record<number, string> = {
  400: "Requête invalide : adresse mal formée",
  403: "Accès refusé",
  404: "Page introuvable",
  405: "Méthode non autorisée",
};

export class ServeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServeError";
  }
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveStatic(rootDir: string, port = 0): Promise<RunningServer> {
  const root = path.resolve(rootDir);
  const files = serveFiles(root, {
    extensions: ["html"],
    index: ["index.html"],
    dotfiles: "ignore",
    fallthrough: false, // every error (400, 403, 404) reaches `fail`, with its status
    setHeaders: (res: ServerResponse, file: string) => {
      const type = EXTRA_TYPES[path.extname(file)];
      if (type) res.setHeader("content-type", type);
    },
  });
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    const status = httpStatus(error);
    if (res.headersSent) return void res.destroy(); // the error came mid-file: only the connection can say so
    // Framework's own 404 page when the site has one, so that the reader keeps the site's navigation.
    const notFoundPage = path.join(root, "404.html");
    if (status === 404 && req.method === "GET" && existsSync(notFoundPage)) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      createReadStream(notFoundPage).on("error", () => res.destroy()).pipe(res);
      return;
    }
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(req.method === "HEAD" ? undefined : (ERROR_TEXT[status] ?? "Erreur du serveur"));
  };
  const server = createServer((req, res) => {
    try {
      files(req, res, (error?: unknown) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  });
  await listen(server, port);
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function httpStatus(error: unknown): number {
  if (error === undefined) return 404;
  const status = (error as { statusCode?: unknown; status?: unknown }).statusCode ?? (error as { status?: unknown }).status;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

/** Listens on 127.0.0.1:port; a port taken or forbidden is a ServeError in French. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE")
        reject(new ServeError(`le port ${port} est déjà utilisé (un autre serveur tourne-t-il déjà ?) : choisissez-en un autre, par exemple « npm run serve -- --port ${port === 65535 ? port - 1 : port + 1} »`));
      else if (e.code === "EACCES") reject(new ServeError(`le port ${port} est réservé (les ports inférieurs à 1024 demandent des droits d'administrateur) : choisissez-en un autre avec « --port »`));
      else reject(new ServeError(`impossible d'écouter sur 127.0.0.1:${port} (${e.code ?? e.message})`));
    };
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve();
    });
  });
}
