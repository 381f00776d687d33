// A small static server for the built site, bound to 127.0.0.1: `npm run serve` and the browser tests.
// Framework's clean URLs ("/donnees-officielles") map to "donnees-officielles.html".
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
  ".parquet": "application/vnd.apache.parquet",
  ".arrow": "application/vnd.apache.arrow.file",
  ".geojson": "application/geo+json",
  ".woff2": "font/woff2",
};

async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const candidates = [clean, `${clean}.html`, path.join(clean, "index.html")];
  for (const c of candidates) {
    const file = path.join(root, c);
    if (!file.startsWith(root)) return null;
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveStatic(rootDir: string, port = 0): Promise<RunningServer> {
  const root = path.resolve(rootDir);
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = await resolveFile(root, urlPath);
    if (!file) {
      // The site's own 404 page (docs/404.md: navigation, links to the main pages), with the 404 status.
      const notFound = path.join(root, "404.html");
      if (await stat(notFound).then((s) => s.isFile(), () => false)) {
        res.writeHead(404, { "content-type": TYPES[".html"] });
        createReadStream(notFound).pipe(res);
      } else {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Page introuvable");
      }
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  // A busy port is an error the caller can explain (scripts/serve.ts), not an uncaught exception.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
