/**
 * What WorkOS AuthKit needs from one app, as data derived from the project facts: the callback
 * URL on the detected dev port, which variables hold the client ID and redirect URI, and whether
 * a server SDK (API key, cookie password, sign-in routes) is involved. (docs/internals/provider-setup.md#workos)
 */
import type { ProjectFacts } from "../../project/facts.ts";
import { localOrigin } from "../frameworks.ts";

export type WorkosFramework = "vite" | "next-app" | "tanstack-start";

export interface WorkosSettings {
  framework: WorkosFramework;
  /** `http://localhost:<detected port>`. */
  origin: string;
  /** Where the port came from ("vite.config.ts: server.port"), for the human steps. */
  portSource: string;
  /** The route WorkOS sends users back to; `/callback` in every official template. */
  callbackPath: string;
  redirectUri: string;
  /** The local variable the app reads the redirect URI from. */
  redirectVar: string;
  /** The local variable the app reads the client ID from. */
  clientIdVar: string;
  /** Next and TanStack Start run AuthKit on the server: API key, cookie password, sign-in/up routes. */
  server: boolean;
}

export const CALLBACK_PATH = "/callback";

const VARS: Record<WorkosFramework, { redirectVar: string; clientIdVar: string; server: boolean }> = {
  vite: { redirectVar: "VITE_WORKOS_REDIRECT_URI", clientIdVar: "VITE_WORKOS_CLIENT_ID", server: false },
  "next-app": { redirectVar: "NEXT_PUBLIC_WORKOS_REDIRECT_URI", clientIdVar: "WORKOS_CLIENT_ID", server: true },
  "tanstack-start": { redirectVar: "WORKOS_REDIRECT_URI", clientIdVar: "WORKOS_CLIENT_ID", server: true },
};

export function workosSettings(facts: ProjectFacts, framework: WorkosFramework): WorkosSettings {
  const origin = localOrigin(facts);
  return {
    framework,
    origin,
    portSource: facts.devServer.source,
    callbackPath: CALLBACK_PATH,
    redirectUri: `${origin}${CALLBACK_PATH}`,
    ...VARS[framework],
  };
}

/** The origin of `--prod-url`, or a usage problem with it. */
export function parseProdUrl(value: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `--prod-url must be the production app's origin, like https://app.example.com; got "${value}".` };
  }
  if (url.protocol !== "https:")
    return { problem: `--prod-url must use https (WorkOS production redirect URIs do); got ${url.origin}.` };
  if (["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    return { problem: `--prod-url points at ${url.hostname}; production needs the deployed app's public origin.` };
  }
  if (url.pathname !== "/" || url.search || url.hash) {
    return {
      problem: `--prod-url must be an origin without a path (https://${url.host}); the callback path ${CALLBACK_PATH} is added to it.`,
    };
  }
  return { origin: url.origin };
}

/** A localhost URL like `wanted` but on another port (what a dev server that moved leaves behind). */
export function isSameLocalUrlOnOtherPort(value: unknown, wanted: string): boolean {
  if (typeof value !== "string") return false;
  try {
    const a = new URL(value);
    const b = new URL(wanted);
    const local = (host: string) => host === "localhost" || host === "127.0.0.1";
    return (
      local(a.hostname) &&
      local(b.hostname) &&
      a.port !== b.port &&
      a.pathname.replace(/\/$/, "") === b.pathname.replace(/\/$/, "")
    );
  } catch {
    return false;
  }
}
