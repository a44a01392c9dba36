/**
 * A local stand-in for a Convex deployment's env endpoints, on 127.0.0.1, that the real `convex`
 * CLI (convex@1.48.0 in node_modules) talks to through CONVEX_SELF_HOSTED_URL / _ADMIN_KEY:
 *
 * - `POST /api/update_environment_variables` `{changes: [{name, value | null}]}` — `env set/remove`;
 * - `ws://…/api/<version>/sync` — the sync protocol `env list/get` use: the CLI authenticates
 *   with the admin key and subscribes to `_system/cli/queryEnvironmentVariables` (`:get` with
 *   `{name}`); the stand-in answers each query-set change with a `Transition` carrying the values.
 *
 * - user tokens, for `verify login`: `Authenticate {tokenType: "User"}` on the sync socket is
 *   answered by a `Transition` that raises the identity version (accepted) or an `AuthError`
 *   (rejected), and `POST /api/query` with `Authorization: Bearer` answers 200 or 401 `{code, message}`,
 *   both as the `userAuth` rule decides (the stand-in's "pushed auth.config"); CORS is open so a page
 *   on another local port can call it.
 *
 * It is not a Convex backend: only what those commands need (docs/internals/offline.md#the-deployments-env-through-the-convex-cli).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface StandinEvent {
  kind: "set" | "remove" | "list" | "get";
  name?: string;
}

/** The stand-in's answer to a user token: what its pushed auth.config makes of it. */
export type UserAuthAnswer = { ok: true } | { ok: false; code: string; message: string };
export type UserAuthRule = (token: string) => UserAuthAnswer | Promise<UserAuthAnswer>;

export interface DeploymentStandin {
  url: string;
  adminKey: string;
  /** The deployment's variables; tests read and seed it directly. */
  vars: Map<string, string>;
  events: StandinEvent[];
  /** Env for the CLI: points it at this stand-in. */
  cliEnv: NodeJS.ProcessEnv;
  /** Called on each set/remove before it is applied (tests check what the project looked like then). */
  onChange?: (event: StandinEvent) => void;
  /** How user tokens are judged; default: no providers configured (every token refused). */
  userAuth: UserAuthRule;
  /** Every user token answered: over which path, and the answer. */
  userTokens: { via: "websocket" | "http"; token: string; answer: UserAuthAnswer }[];
  close(): Promise<void>;
}

/** A u64 the way the sync protocol encodes it: base64 of 8 little-endian bytes. */
function encodeTs(ts: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(ts));
  return bytes.toString("base64");
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

const NO_PROVIDERS: UserAuthRule = () => ({
  ok: false,
  code: "NoAuthProvider",
  message: "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
});

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, convex-client",
  "access-control-allow-methods": "POST, GET, OPTIONS",
};

export async function startDeploymentStandin({
  adminKey = "standin-admin-key",
  userAuth = NO_PROVIDERS,
}: { adminKey?: string; userAuth?: UserAuthRule } = {}): Promise<DeploymentStandin> {
  const vars = new Map<string, string>();
  const events: StandinEvent[] = [];
  const sockets = new Set<WebSocket>();
  // eslint-disable-next-line prefer-const -- assigned once the server it closes over exists
  let standin: DeploymentStandin;

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (request.method === "OPTIONS") {
      response.writeHead(204, CORS);
      response.end();
      return;
    }
    if (
      request.method === "POST" &&
      request.url === "/api/query" &&
      /^Bearer /.test(request.headers.authorization ?? "")
    ) {
      const token = request.headers.authorization!.slice("Bearer ".length);
      const answer = await standin.userAuth(token);
      standin.userTokens.push({ via: "http", token, answer });
      response.writeHead(answer.ok ? 200 : 401, { ...CORS, "content-type": "application/json" });
      response.end(
        JSON.stringify(
          answer.ok
            ? { status: "success", value: { path: (JSON.parse(body) as { path?: string }).path ?? null }, logLines: [] }
            : { code: answer.code, message: answer.message },
        ),
      );
      return;
    }
    if (request.method === "POST" && request.url === "/api/update_environment_variables") {
      if (request.headers.authorization !== `Convex ${adminKey}`) {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ code: "BadAdminKey", message: "The provided admin key was invalid for this instance" }),
        );
        return;
      }
      const { changes } = JSON.parse(body) as { changes: { name: string; value: string | null }[] };
      for (const change of changes) {
        const event: StandinEvent = { kind: change.value === null ? "remove" : "set", name: change.name };
        standin.onChange?.(event);
        events.push(event);
        if (change.value === null) vars.delete(change.name);
        else vars.set(change.name, change.value);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ code: "NotFound", message: `No route for ${request.method} ${request.url}` }));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    if (!/^\/api\/[^/]+\/sync$/.test(request.url ?? "")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });

  wss.on("connection", (ws: WebSocket) => {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    let querySet = 0;
    let identity = 0;
    let ts = 0;
    let authenticated = false;
    const version = () => ({ querySet, identity, ts: encodeTs(ts) });
    // Messages are handled one at a time, in order, as the backend does (a user token's judgement is async).
    let queue = Promise.resolve();
    ws.on("message", (data) => {
      queue = queue.then(() => handle(data)).catch((error: unknown) => ws.close(1011, String(error).slice(0, 100)));
    });
    const handle = async (data: unknown) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        tokenType?: string;
        value?: string;
        baseVersion?: number;
        newVersion?: number;
        modifications?: { type: string; queryId: number; udfPath?: string; args?: { name?: string }[] }[];
      };
      if (message.type === "Authenticate" && message.tokenType === "User") {
        const token = message.value ?? "";
        const answer = await standin.userAuth(token);
        standin.userTokens.push({ via: "websocket", token, answer });
        if (!answer.ok) {
          ws.send(
            JSON.stringify({
              type: "AuthError",
              error: answer.message,
              baseVersion: message.baseVersion,
              authUpdateAttempted: true,
            }),
          );
          return;
        }
        const startVersion = version();
        identity = message.baseVersion! + 1;
        ws.send(JSON.stringify({ type: "Transition", startVersion, endVersion: version(), modifications: [] }));
      } else if (message.type === "Authenticate" && message.tokenType === "None") {
        const startVersion = version();
        identity = message.baseVersion! + 1;
        ws.send(JSON.stringify({ type: "Transition", startVersion, endVersion: version(), modifications: [] }));
      } else if (message.type === "Authenticate") {
        if (message.value !== adminKey) {
          ws.send(
            JSON.stringify({ type: "FatalError", error: "The provided admin key was invalid for this instance" }),
          );
          ws.close();
          return;
        }
        authenticated = true;
        const startVersion = version();
        identity = message.baseVersion! + 1;
        ws.send(JSON.stringify({ type: "Transition", startVersion, endVersion: version(), modifications: [] }));
      } else if (message.type === "ModifyQuerySet") {
        const startVersion = version();
        querySet = message.newVersion!;
        ts += 1;
        const modifications = message.modifications!.map((modification) => {
          if (modification.type === "Remove") return { type: "QueryRemoved", queryId: modification.queryId };
          const path = modification.udfPath ?? "";
          const failed = (errorMessage: string) => ({
            type: "QueryFailed",
            queryId: modification.queryId,
            errorMessage,
            logLines: [],
            errorData: null,
            journal: null,
          });
          if (!authenticated) return failed("Unauthenticated");
          let value: unknown;
          if (path.startsWith("_system/cli/queryEnvironmentVariables:get")) {
            const name = modification.args?.[0]?.name ?? "";
            events.push({ kind: "get", name });
            value = vars.has(name) ? { name, value: vars.get(name) } : null;
          } else if (path.startsWith("_system/cli/queryEnvironmentVariables")) {
            events.push({ kind: "list" });
            value = [...vars].map(([name, value]) => ({ name, value }));
          } else {
            return failed(`Could not find function for '${path}'`);
          }
          return { type: "QueryUpdated", queryId: modification.queryId, value, logLines: [], journal: null };
        });
        ws.send(JSON.stringify({ type: "Transition", startVersion, endVersion: version(), modifications }));
      }
      // Connect and Event messages need no answer.
    };
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  standin = {
    url,
    adminKey,
    vars,
    events,
    // CI=1 also keeps the CLI from reporting its errors to Sentry over the network.
    cliEnv: { CONVEX_SELF_HOSTED_URL: url, CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey, CI: "1" },
    userAuth,
    userTokens: [],
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standin;
}
