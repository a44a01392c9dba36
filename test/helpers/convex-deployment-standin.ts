/**
 * A local stand-in for a Convex deployment's env endpoints, on 127.0.0.1, that the real `convex`
 * CLI (convex@1.48.0 in node_modules) talks to through CONVEX_SELF_HOSTED_URL / _ADMIN_KEY:
 *
 * - `POST /api/update_environment_variables` `{changes: [{name, value | null}]}` — `env set/remove`;
 * - `ws://…/api/<version>/sync` — the sync protocol `env list/get` use: the CLI authenticates
 *   with the admin key and subscribes to `_system/cli/queryEnvironmentVariables` (`:get` with
 *   `{name}`); the stand-in answers each query-set change with a `Transition` carrying the values.
 *
 * It is not a Convex backend: only what the env commands need (reference/offline-facts.md §9).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface StandinEvent {
  kind: "set" | "remove" | "list" | "get";
  name?: string;
}

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

export async function startDeploymentStandin({ adminKey = "standin-admin-key" } = {}): Promise<DeploymentStandin> {
  const vars = new Map<string, string>();
  const events: StandinEvent[] = [];
  const sockets = new Set<WebSocket>();
  let standin: DeploymentStandin;

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (request.method === "POST" && request.url === "/api/update_environment_variables") {
      if (request.headers.authorization !== `Convex ${adminKey}`) {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(JSON.stringify({ code: "BadAdminKey", message: "The provided admin key was invalid for this instance" }));
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
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        value?: string;
        baseVersion?: number;
        newVersion?: number;
        modifications?: { type: string; queryId: number; udfPath?: string; args?: { name?: string }[] }[];
      };
      if (message.type === "Authenticate") {
        if (message.value !== adminKey) {
          ws.send(JSON.stringify({ type: "FatalError", error: "The provided admin key was invalid for this instance" }));
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
    });
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
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standin;
}
