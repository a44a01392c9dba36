/**
 * The one way the verifier reaches the network: GET with a timeout, at most 10 redirects, a
 * response size cap, http(s) only, and a per-run cache that honours Cache-Control (as the
 * backend's cached HTTP client does). Concurrent requests for one URL share a single fetch.
 * `fetch` is injected, so tests and the benchmark control it.
 */

export type FetchLike = (
  url: string,
  init: { method: "GET"; headers: Record<string, string>; redirect: "manual"; signal: AbortSignal },
) => Promise<Response>;

export interface FetcherOptions {
  fetch?: FetchLike;
  /** Whole-request timeout (connect, redirects, body). Default 5 s. */
  timeoutMs?: number;
  /** Default 10, like reqwest. */
  maxRedirects?: number;
  /** Largest body read. Default 1 MiB. */
  maxBytes?: number;
  /** Clock for cache freshness, in ms. */
  now?: () => number;
}

/**
 * Why a request got no answer. `network` (DNS, refused, reset, TLS) and `timeout` say nothing
 * about the server at that URL (this machine may be offline); the others are about the URL or
 * what it sent.
 */
export type HttpFailure = "invalid-url" | "scheme" | "network" | "timeout" | "too-many-redirects" | "too-large";

export type HttpResult =
  | { ok: true; url: string; status: number; contentType: string | null; body: string; cached: boolean }
  | { ok: false; url: string; error: string; failure: HttpFailure };

/** True for a failure that may be this machine's network rather than the server ("couldn't check"). */
export function isTransportFailure(failure: HttpFailure): boolean {
  return failure === "network" || failure === "timeout";
}

/** One network request made during a run (cache hits included, marked). */
export interface FetchRecord {
  url: string;
  status: number | null;
  cached: boolean;
  error?: string;
}

export interface Fetcher {
  get(url: string, accept?: string): Promise<HttpResult>;
  /** The most recent requests in order (the last 1,000; cache hits included, marked). */
  readonly log: FetchRecord[];
  /** Requests answered so far, cache hits included (monotonic; `log` keeps only the tail). */
  readonly requestCount: number;
  /** Network requests actually sent (cache hits and shared in-flight requests not counted). */
  readonly networkCount: number;
}

const MAX_LOG = 1_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface CacheEntry {
  result: HttpResult & { ok: true };
  expiresAt: number;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxRedirects = options.maxRedirects ?? 10;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<HttpResult>>();
  const log: FetchRecord[] = [];
  let networkCount = 0;
  let requestCount = 0;
  const record = (entry: FetchRecord) => {
    requestCount += 1;
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  async function fetchOnce(url: string, accept: string): Promise<{ result: HttpResult; maxAgeMs: number }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let current = url;
    try {
      for (let hop = 0; ; hop += 1) {
        let parsed: URL;
        try {
          parsed = new URL(current);
        } catch {
          return {
            result: {
              ok: false,
              url: current,
              error: `relative URL without a base: ${current}`,
              failure: "invalid-url",
            },
            maxAgeMs: 0,
          };
        }
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
          return {
            result: {
              ok: false,
              url: current,
              error: `URL scheme is not allowed: ${parsed.protocol.slice(0, -1)}`,
              failure: "scheme",
            },
            maxAgeMs: 0,
          };
        }
        networkCount += 1;
        const response = await doFetch(current, {
          method: "GET",
          headers: { accept, "user-agent": "authwire (Convex-compatible verifier)" },
          redirect: "manual",
          signal: controller.signal,
        });
        const location = response.headers.get("location");
        // reqwest follows these five only; any other 3xx is the answer.
        if (REDIRECTS.has(response.status) && location) {
          await response.body?.cancel().catch(() => undefined);
          if (hop >= maxRedirects)
            return {
              result: { ok: false, url, error: "too many redirects", failure: "too-many-redirects" },
              maxAgeMs: 0,
            };
          current = new URL(location, current).toString();
          continue;
        }
        const body = await readCapped(response, maxBytes);
        if (body === undefined) {
          return {
            result: {
              ok: false,
              url: current,
              error: `response body larger than ${maxBytes} bytes`,
              failure: "too-large",
            },
            maxAgeMs: 0,
          };
        }
        return {
          result: {
            ok: true,
            url: current,
            status: response.status,
            contentType: response.headers.get("content-type"),
            body,
            cached: false,
          },
          maxAgeMs: freshnessMs(response.headers),
        };
      }
    } catch (error) {
      const timedOut = controller.signal.aborted;
      const message = timedOut
        ? `operation timed out after ${timeoutMs} ms`
        : `error sending request for url (${current}): ${describeError(error)}`;
      return {
        result: { ok: false, url: current, error: message, failure: timedOut ? "timeout" : "network" },
        maxAgeMs: 0,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    log,
    get networkCount() {
      return networkCount;
    },
    get requestCount() {
      return requestCount;
    },
    async get(url, accept = "application/json") {
      const key = `${accept} ${url}`;
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now()) {
        record({ url, status: hit.result.status, cached: true });
        return { ...hit.result, cached: true };
      }
      const pending = inFlight.get(key);
      if (pending) {
        const shared = await pending;
        record({
          url,
          status: shared.ok ? shared.status : null,
          cached: true,
          ...(shared.ok ? {} : { error: shared.error }),
        });
        return shared.ok ? { ...shared, cached: true } : shared;
      }
      const promise = fetchOnce(url, accept).then(({ result, maxAgeMs }) => {
        if (result.ok && maxAgeMs > 0 && result.status === 200) cache.set(key, { result, expiresAt: now() + maxAgeMs });
        record({
          url,
          status: result.ok ? result.status : null,
          cached: false,
          ...(result.ok ? {} : { error: result.error }),
        });
        return result;
      });
      inFlight.set(key, promise);
      try {
        return await promise;
      } finally {
        inFlight.delete(key);
      }
    },
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Freshness lifetime from Cache-Control (max-age; no-store/no-cache mean 0) or Expires. */
export function freshnessMs(headers: Headers): number {
  const cacheControl = headers.get("cache-control");
  if (cacheControl) {
    const directives = cacheControl
      .toLowerCase()
      .split(",")
      .map((part) => part.trim());
    if (directives.some((d) => d === "no-store" || d === "no-cache")) return 0;
    const maxAge = directives.find((d) => d.startsWith("max-age="));
    if (maxAge) {
      const seconds = Number(maxAge.slice("max-age=".length).replace(/"/g, ""));
      const age = Number(headers.get("age") ?? 0);
      return Number.isFinite(seconds) && seconds > 0
        ? Math.max(0, seconds - (Number.isFinite(age) ? age : 0)) * 1000
        : 0;
    }
  }
  const expires = headers.get("expires");
  const date = headers.get("date");
  if (expires) {
    const at = Date.parse(expires);
    const base = date ? Date.parse(date) : Date.now();
    if (Number.isFinite(at) && Number.isFinite(base)) return Math.max(0, at - base);
  }
  return 0;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}
