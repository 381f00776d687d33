// The part of serve-static's API this project uses (the package ships no types; @types/serve-static would bring
// Express's types along).
declare module "serve-static" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface Options {
    extensions?: string[] | false;
    index?: string[] | string | false;
    dotfiles?: "allow" | "deny" | "ignore";
    fallthrough?: boolean;
    redirect?: boolean;
    setHeaders?: (res: ServerResponse, path: string, stat: unknown) => void;
  }

  type Handler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

  export default function serveStatic(root: string, options?: Options): Handler;
}
