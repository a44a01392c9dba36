/**
 * The Convex backend's token-rejection errors: its short codes and exact wording
 * (crates/authentication/src/lib.rs see docs/internals/convex-auth.md#errors),
 * including the variants a deployment that redacts errors sends.
 */
import type { EvaluatedProvider } from "../config/auth-config.ts";

/** What the backend answers: HTTP clients see `{code, message}`; WebSocket clients the message. */
export interface ConvexError {
  code: string;
  message: string;
  /** The HTTP status of the answer (401 for most token failures; discovery failures map). */
  httpStatus: number;
}

const unauthenticated = (code: string, message: string): ConvexError => ({ code, message, httpStatus: 401 });

export const CONVEX_ERRORS = {
  unparsableJwt: () =>
    unauthenticated(
      "InvalidAuthHeader",
      "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
    ),
  /** `Authorization` must begin with exactly `bearer ` (any case, one space). */
  bearerHeader: () => unauthenticated("InvalidAuthHeader", "Header must begin with `bearer `"),
  missingIssuer: () =>
    unauthenticated(
      "InvalidAuthHeader",
      "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
    ),
  noAuthProvider: (providers: readonly EvaluatedProvider[], redact: boolean) =>
    unauthenticated("NoAuthProvider", noProviderMessage(providers, redact)),
  discoveryFailed: (iss: string, response?: { status: number; body: string }) => {
    const base = `Auth provider discovery of ${iss} failed`;
    if (!response) return { code: "AuthProviderDiscoveryFailed", message: base, httpStatus: 400 };
    return {
      code: "AuthProviderDiscoveryFailed",
      // http::StatusCode's Display, then the body as sent (nothing trimmed).
      message: `${base}: ${response.status} ${statusText(response.status) || "<unknown status code>"} ${response.body}`,
      httpStatus: discoveryHttpStatus(response.status),
    };
  },
  notOidcToken: () =>
    unauthenticated("InvalidAuthHeader", "Could not parse as OIDC ID token. Token might not be an OIDC-compliant JWT."),
  oidcClaimUnverified: () =>
    unauthenticated(
      "Unauthenticated",
      "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
    ),
  jwksDataUrlInvalid: () =>
    unauthenticated(
      "InvalidAuthHeader",
      "Invalid JWKS data URL. Check that the data URL is properly formatted and contains valid base64-encoded JSON.",
    ),
  jwksFetchFailed: (url: string, detail: string) =>
    unauthenticated(
      "InvalidAuthHeader",
      `Could not fetch JWKS from URL '${url}': ${detail}. Check that the URL is correct and accessible.`,
    ),
  jwksHttpStatus: (url: string, status: number) =>
    unauthenticated(
      "InvalidAuthHeader",
      `Could not fetch JWKS from URL '${url}': HTTP ${status} ${statusText(status) || "Unknown"}. Check that the URL is correct and accessible.`,
    ),
  jwksContentType: (url: string, contentType: string | null) =>
    unauthenticated(
      "InvalidAuthHeader",
      `Invalid Content-Type '${contentType ?? "unknown"}' when fetching JWKS from '${url}'. Expected 'application/json' or 'application/jwk-set+json'.`,
    ),
  jwksBody: (url: string) =>
    unauthenticated(
      "InvalidAuthHeader",
      `Invalid JWKS response body from '${url}'. The response is not valid JSON or doesn't match the expected JWKS format.`,
    ),
  customJwtDecode: (kid: string | undefined, redact: boolean) => {
    if (kid === undefined) {
      // The redaction looks for "The JWT is missing a 'kid'", which this text does not contain.
      return unauthenticated(
        "InvalidAuthHeader",
        "Could not decode token. JWT may be missing a 'kid' (key ID) header.",
      );
    }
    return unauthenticated(
      "InvalidAuthHeader",
      redact
        ? "Could not decode token. The JWT's 'kid' (key ID) header doesn't match any key in the provider's JWKS, or the JWT signature is invalid."
        : `Could not decode token. The JWT's 'kid' (key ID) header is '${kid}', does this key match any key in the provider's JWKS?`,
    );
  },
  customJwtInvalidIssuer: (tokenIss: string, configured: string) =>
    unauthenticated("InvalidAuthHeader", `Invalid issuer: ${tokenIss} != ${configured}`),
  customJwtMissingAudience: () =>
    unauthenticated(
      "InvalidAuthHeader",
      "Missing audience claim ('aud') in JWT payload. The JWT must include an 'aud' claim that matches your configured application ID.",
    ),
  customJwtInvalidAudience: (applicationID: string, audiences: readonly string[]) =>
    unauthenticated(
      "InvalidAuthHeader",
      `Invalid audience: ${applicationID} not in [${audiences.map((a) => JSON.stringify(a)).join(", ")}]`,
    ),
  customJwtTime: (reason: string) => unauthenticated("InvalidAuthHeader", `Could not validate token: ${reason}`),
  customJwtClaims: () =>
    unauthenticated(
      "InvalidAuthHeader",
      "Could not verify token claim. Check that the JWT contains valid claims and matches your auth provider configuration.",
    ),
  /** The WebSocket session outlives `exp` (no leeway). */
  tokenExpired: () => unauthenticated("TokenExpired", "Convex token identity expired"),
  /** An `iss` that routing accepted (scheme added) but that is not a URL: a plain error, seen as a 500. */
  internal: () => ({
    code: "InternalServerError",
    message: "Your request couldn't be completed. Try again later.",
    httpStatus: 500,
  }),
} as const;

/** biscuit's temporal messages (N = whole seconds). */
export const BISCUIT_TIME = {
  expired: (seconds: number) => `Token expired ${seconds} seconds ago`,
  notYetValid: (seconds: number) => `Token will be valid in ${seconds} seconds`,
} as const;

function noProviderMessage(providers: readonly EvaluatedProvider[], redact: boolean): string {
  if (redact) return "No auth provider found matching the given token";
  if (providers.length === 0) {
    return "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.";
  }
  const listed = providers.map((provider) =>
    provider.kind === "oidc"
      ? `OIDC(domain=${urlDisplay(provider.issuer)}, app_id=${provider.applicationID ?? "?"})`
      : `CustomJWT(issuer=${urlDisplay(provider.issuer)}, app_id=${provider.applicationID ?? "none"})`,
  );
  return `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [${listed.join(", ")}]`;
}

/** `IssuerUrl`'s Display is the stored string. */
function urlDisplay(value: string | null): string {
  return value ?? "?";
}

/** Discovery failures keep their code; the HTTP status follows the provider's (errors/src/lib.rs). */
export function discoveryHttpStatus(status: number): number {
  if (status === 401) return 401;
  if (status === 403) return 403;
  if (status === 404) return 404;
  if (status === 429) return 429;
  if (status === 421) return 421;
  if (status === 425) return 425;
  if (status >= 400 && status < 500) return 400;
  if (status >= 500) return 503;
  return 400;
}

/** The `http` crate's canonical reason phrases (1.x), which the backend prints. */
const REASONS: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  102: "Processing",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  207: "Multi-Status",
  208: "Already Reported",
  226: "IM Used",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  305: "Use Proxy",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  510: "Not Extended",
  511: "Network Authentication Required",
};

export function statusText(status: number): string {
  return REASONS[status] ?? "";
}
