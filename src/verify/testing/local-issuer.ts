/**
 * For tests and the benchmark: a local stand-in for an identity provider on 127.0.0.1: serves an OIDC discovery document and
 * a JWKS (or anything else) with controllable status, content type, cache headers and delays,
 * and records every request. Real HTTP, no network beyond loopback.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Route {
  status?: number;
  /** null: send no Content-Type at all. */
  contentType?: string | null;
  body?: string | object;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface LocalIssuer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  route(path: string, route: Route): void;
  /** Serves discovery at `<issuerPath>/.well-known/openid-configuration` and the JWKS at `<issuerPath>/jwks.json`. */
  oidc(options: {
    path?: string;
    issuer?: string;
    jwks: object;
    discovery?: Partial<Route>;
    jwksRoute?: Partial<Route>;
  }): { issuer: string; jwksUri: string };
  close(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0]!;
    requests.push(path);
    const route = routes.get(path);
    const send = () => {
      if (!route) {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("not found");
        return;
      }
      const body =
        route.body === undefined ? "" : typeof route.body === "string" ? route.body : JSON.stringify(route.body);
      const headers: Record<string, string> = { ...(route.headers ?? {}) };
      const contentType = route.contentType === undefined ? "application/json" : route.contentType;
      if (contentType !== null) headers["content-type"] = contentType;
      response.writeHead(route.status ?? 200, headers);
      response.end(body);
    };
    if (route?.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    route(path, route) {
      routes.set(path, route);
    },
    oidc({ path = "", issuer, jwks, discovery = {}, jwksRoute = {} }) {
      const iss = issuer ?? `${url}${path}`;
      const base = path.replace(/\/+$/, "");
      const jwksUri = `${url}${base}/jwks.json`;
      routes.set(`${base}/.well-known/openid-configuration`, {
        body: { issuer: iss, jwks_uri: jwksUri, authorization_endpoint: `${url}${base}/authorize` },
        ...discovery,
      });
      routes.set(`${base}/jwks.json`, { body: jwks, ...jwksRoute });
      return { issuer: iss, jwksUri };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
