// The HTTP client of the downloads: undici's fetch with a dispatcher that honours the usual proxy variables
// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower or upper case). Node 20's built-in fetch ignores them, and the
// networks of local authorities often reach the internet only through a proxy.
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher, type RequestInit, type Response } from "undici";

export type { Response };

export interface HttpClient {
  fetch(url: string, init?: Omit<RequestInit, "dispatcher">): Promise<Response>;
  /** The proxy configured for https (or http) addresses, named in network error messages; undefined when none. */
  proxy: string | undefined;
  close(): Promise<void>;
}

interface ProxySettings {
  http?: string;
  https?: string;
  noProxy?: string;
}

/** The proxy variables of an environment; lower case wins over upper case, as curl and undici do. */
function proxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const read = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  return { http: read("http_proxy"), https: read("https_proxy"), noProxy: read("no_proxy") };
}

export function createHttpClient(env: NodeJS.ProcessEnv = process.env): HttpClient {
  const proxies = proxySettings(env);
  // Explicit values (empty string = none): the agent must not fall back on process.env when `env` is another one.
  const dispatcher: Dispatcher = new EnvHttpProxyAgent({ httpProxy: proxies.http ?? "", httpsProxy: proxies.https ?? proxies.http ?? "", noProxy: proxies.noProxy ?? "" });
  return {
    fetch: (url, init) => undiciFetch(url, { ...init, dispatcher }),
    proxy: proxies.https ?? proxies.http,
    close: () => dispatcher.close(),
  };
}
