/**
 * A local stand-in for the developer's running app, on 127.0.0.1: one HTML page whose script is
 * test/fixtures/login-page/page.ts bundled with esbuild, so the page runs the REAL Convex browser
 * clients (ConvexClient / ConvexHttpClient from the installed `convex` package). `pageUrl()` builds
 * the URL that tells the page which deployment to talk to and where its token comes from.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";

export interface LoginApp {
  url: string;
  pageUrl(options: { deployment: string; token?: string; mode?: "ws" | "http" }): string;
  close(): Promise<void>;
}

const ENTRY = join(import.meta.dirname, "../fixtures/login-page/page.ts");

export async function startLoginApp(): Promise<LoginApp> {
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>login test app</title></head><body><p id="status">loading</p><script type="module" src="/app.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/app.js") {
      response.writeHead(200, { "content-type": "text/javascript" });
      response.end(script);
    } else if (path === "/plain") {
      // A page of the app that never creates a Convex client.
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<!doctype html><html><body><p>no Convex here</p></body></html>`);
    } else if (path === "/" || path === "/index.html") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(html);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl({ deployment, token, mode }) {
      const params = new URLSearchParams({ deployment, ...(token && { token }), ...(mode && { mode }) });
      return `${url}/?${params}`;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
