/**
 * What the page's Convex client sends and what the deployment answers, read from the wire.
 *
 * WebSocket (docs/internals/offline.md#the-deployments-env-through-the-convex-cli): the client connects to `ws(s)://<origin>/api/<version>/sync`
 * and sends `Authenticate {tokenType: "User", value, baseVersion}`. The deployment confirms with a
 * `Transition` whose `endVersion.identity` (= baseVersion + 1) is greater than its
 * `startVersion.identity`, or refuses with `AuthError {error, baseVersion, authUpdateAttempted}`.
 * HTTP (docs/internals/convex-auth.md): `Authorization: Bearer <jwt>` on the public function API
 * (`/api/query`, `/api/mutation`, `/api/action`, `/api/run/…`); a bad token fails the request with
 * `{code, message}` (401, or a mapped status for discovery failures).
 *
 * Pure bookkeeping: the browser layer feeds frames and requests in; nothing here touches a browser.
 * Raw tokens stay in memory and are never serialised (see `toAttemptJson`).
 */
import { createHash } from "node:crypto";

export interface ConvexReply {
  accepted: boolean;
  /** The deployment's error: its message, and its code (sent over HTTP; recognised from the wording over WebSocket). */
  error: { code: string | null; message: string } | null;
  via: "websocket" | "http";
  /** HTTP status (HTTP only). */
  status?: number;
  /** ms since epoch. */
  receivedAt: number;
}

export interface AuthAttempt {
  via: "websocket" | "http";
  /** The sync WebSocket URL, or the HTTP request URL. */
  endpoint: string;
  /** The deployment's URL (http(s)://origin[/prefix]). */
  deployment: string;
  /** The raw JWT. In memory only: never printed, never in JSON. */
  token: string;
  /** First 12 hex digits of the token's SHA-256, to tell attempts apart without showing the token. */
  fingerprint: string;
  /** ms since epoch. */
  sentAt: number;
  reply: ConvexReply | null;
}

export interface AttemptJson {
  via: "websocket" | "http";
  endpoint: string;
  fingerprint: string;
  sentAt: string;
  reply: (Omit<ConvexReply, "receivedAt"> & { receivedAt: string }) | null;
}

const SYNC_PATH = /^(.*)\/api\/[^/]+\/sync$/;
const FUNCTION_API_PATH = /\/api\/(?:query|mutation|action|query_ts|query_at_ts|query_batch|run\/.+)$/;

/** The deployment URL a sync WebSocket belongs to, or null when the URL is not a Convex sync URL. */
export function syncDeployment(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") return null;
  const match = SYNC_PATH.exec(parsed.pathname);
  if (!match) return null;
  return `${parsed.protocol === "wss:" ? "https" : "http"}://${parsed.host}${match[1]}`;
}

export function fingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 12);
}

/**
 * The backend's short code for an error message a WebSocket client receives (it sends only the
 * message), from the wording in convex-errors.ts. A leading `Code: ` is taken as the code. Null
 * when the wording is not one authwire knows.
 */
export function errorCodeOf(message: string): string | null {
  const prefixed = /^([A-Z][A-Za-z]+):\s/.exec(message);
  if (prefixed) return prefixed[1]!;
  if (message.startsWith("No auth provider found")) return "NoAuthProvider";
  if (message.startsWith("Could not verify OIDC token claim")) return "Unauthenticated";
  if (message.startsWith("Auth provider discovery of")) return "AuthProviderDiscoveryFailed";
  if (message.startsWith("Convex token identity expired")) return "TokenExpired";
  if (
    /^(Could not parse|Missing issuer claim|Invalid JWKS|Could not fetch JWKS|Invalid Content-Type|Could not decode token|Invalid issuer|Missing audience|Invalid audience|Could not validate token|Could not verify token claim)/.test(
      message,
    )
  ) {
    return "InvalidAuthHeader";
  }
  return null;
}

interface Pending {
  baseVersion: number;
  /** null for `tokenType: "None"` / `"Admin"`, which take an identity version but carry no user token. */
  attempt: AuthAttempt | null;
}

/** One observed sync WebSocket. */
export interface SocketObserver {
  sent(payload: string | Buffer): void;
  received(payload: string | Buffer): void;
}

export class LoginCapture {
  /** Every Convex sync WebSocket URL the page opened, in order. */
  readonly syncSockets: string[] = [];
  /** Every user token sent (WebSocket Authenticate or HTTP Bearer), in order. */
  readonly attempts: AuthAttempt[] = [];
  /** Things seen on the wire worth telling (a session that expired, a fatal error). */
  readonly notes: string[] = [];
  /** Called after every change (the waiter re-checks its condition). */
  onChange: () => void = () => {};
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The deployment the page talks to: the first sync socket's, else the first HTTP attempt's. */
  get deployment(): string | null {
    const first = this.syncSockets[0];
    if (first) return syncDeployment(first);
    return this.attempts[0]?.deployment ?? null;
  }

  /** Starts watching a WebSocket; null when it is not a Convex sync connection. */
  socket(url: string): SocketObserver | null {
    const deployment = syncDeployment(url);
    if (deployment === null) return null;
    this.syncSockets.push(url);
    const pending: Pending[] = [];
    this.onChange();
    return {
      sent: (payload) => {
        const message = parseMessage(payload);
        if (message?.type !== "Authenticate" || typeof message.baseVersion !== "number") return;
        let attempt: AuthAttempt | null = null;
        if (message.tokenType === "User" && typeof message.value === "string") {
          attempt = this.record({ via: "websocket", endpoint: url, deployment, token: message.value });
        }
        pending.push({ baseVersion: message.baseVersion, attempt });
        this.onChange();
      },
      received: (payload) => {
        const message = parseMessage(payload);
        if (!message) return;
        if (message.type === "Transition") {
          const start = identityOf(message.startVersion);
          const end = identityOf(message.endVersion);
          if (start === null || end === null || end <= start) return;
          // Every Authenticate with baseVersion < end is settled by this transition; the one that
          // produced it (end - 1) was accepted.
          for (let i = pending.length - 1; i >= 0; i--) {
            const entry = pending[i]!;
            if (entry.baseVersion >= end) continue;
            pending.splice(i, 1);
            if (entry.attempt && entry.baseVersion === end - 1 && !entry.attempt.reply) {
              entry.attempt.reply = { accepted: true, error: null, via: "websocket", receivedAt: this.now() };
            }
          }
          this.onChange();
        } else if (message.type === "AuthError") {
          const text = typeof message.error === "string" ? message.error : JSON.stringify(message.error);
          if (message.authUpdateAttempted === false) {
            // Not an answer to a new token: an established session failed (e.g. the token expired).
            this.notes.push(`The deployment ended an authenticated session: "${text}".`);
            this.onChange();
            return;
          }
          const index = pending.findIndex((entry) => entry.baseVersion === message.baseVersion);
          const entry = index >= 0 ? pending.splice(index, 1)[0] : undefined;
          if (entry?.attempt && !entry.attempt.reply) {
            entry.attempt.reply = {
              accepted: false,
              error: { code: errorCodeOf(text), message: text },
              via: "websocket",
              receivedAt: this.now(),
            };
          }
          this.onChange();
        } else if (message.type === "FatalError") {
          this.notes.push(`The deployment closed the sync connection with a fatal error: "${String(message.error)}".`);
          this.onChange();
        }
      },
    };
  }

  /**
   * An HTTP request the page made; returns the attempt when it carries a Bearer token to a Convex
   * function API path (or to a deployment already seen on a sync socket).
   */
  httpRequest(url: string, authorization: string | null | undefined): AuthAttempt | null {
    if (!authorization || !/^bearer\s+/i.test(authorization)) return null;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const match = FUNCTION_API_PATH.exec(parsed.pathname);
    if (!match) return null;
    const deployment = `${parsed.protocol}//${parsed.host}${parsed.pathname.slice(0, match.index)}`;
    const attempt = this.record({
      via: "http",
      endpoint: `${parsed.origin}${parsed.pathname}`,
      deployment,
      token: authorization.replace(/^bearer\s+/i, "").trim(),
    });
    this.onChange();
    return attempt;
  }

  /** The answer to an HTTP attempt: 2xx accepted the token; an auth error body rejected it. */
  httpResponse(attempt: AuthAttempt, status: number, body: string): void {
    if (attempt.reply) return;
    if (status >= 200 && status < 300) {
      attempt.reply = { accepted: true, error: null, via: "http", status, receivedAt: this.now() };
    } else {
      let parsed: { code?: unknown; message?: unknown } | null = null;
      try {
        parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
      } catch {
        parsed = null;
      }
      const message = typeof parsed?.message === "string" ? parsed.message : body.slice(0, 500);
      const code = typeof parsed?.code === "string" ? parsed.code : errorCodeOf(message);
      // A function's own failure (HTTP 560 "UDF failed", or another error) means auth passed.
      if (status === 560) attempt.reply = { accepted: true, error: null, via: "http", status, receivedAt: this.now() };
      else attempt.reply = { accepted: false, error: { code, message }, via: "http", status, receivedAt: this.now() };
    }
    this.onChange();
  }

  private record(input: Omit<AuthAttempt, "fingerprint" | "sentAt" | "reply">): AuthAttempt {
    const attempt: AuthAttempt = { ...input, fingerprint: fingerprint(input.token), sentAt: this.now(), reply: null };
    this.attempts.push(attempt);
    return attempt;
  }
}

export function toAttemptJson(attempt: AuthAttempt): AttemptJson {
  return {
    via: attempt.via,
    endpoint: attempt.endpoint,
    fingerprint: attempt.fingerprint,
    sentAt: new Date(attempt.sentAt).toISOString(),
    reply: attempt.reply ? { ...attempt.reply, receivedAt: new Date(attempt.reply.receivedAt).toISOString() } : null,
  };
}

interface WireMessage {
  type?: unknown;
  tokenType?: unknown;
  value?: unknown;
  baseVersion?: unknown;
  startVersion?: unknown;
  endVersion?: unknown;
  error?: unknown;
  authUpdateAttempted?: unknown;
}

function parseMessage(payload: string | Buffer): WireMessage | null {
  try {
    const value = JSON.parse(typeof payload === "string" ? payload : payload.toString("utf8")) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function identityOf(version: unknown): number | null {
  const identity = (version as { identity?: unknown } | null)?.identity;
  return typeof identity === "number" ? identity : null;
}
