/**
 * The backend's `deserialize_issuer_url` for `domain` (OIDC) and `issuer` (customJwt), checked at
 * push time: no leading `"`, `https://` added when there is no `scheme://`, an http(s) scheme, and
 * a scheme-less host must be `localhost` or end in a real top-level domain. The stored string is the
 * original text (plus the added prefix): no case, port or trailing-slash normalisation.
 */
import { parse as parseDomain } from "tldts";

export type IssuerUrlResult =
  { ok: true; stored: string; addedScheme: boolean } | { ok: false; message: string; reason: string };

const HAS_SCHEME = /^\w+:\/\//;

export function checkIssuerUrl(original: string): IssuerUrlResult {
  const fail = (reason: string): IssuerUrlResult => ({
    ok: false,
    reason,
    message: `Invalid provider domain URL "${original}": ${reason}`,
  });
  if (original.startsWith('"')) return fail('starts with a double quote (")');
  const hadScheme = HAS_SCHEME.test(original);
  const url = hadScheme ? original : `https://${original}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(urlParseReason(url));
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== "http" && scheme !== "https") return fail("scheme should be http or https");
  if (!hadScheme && !endsWithTld(parsed.hostname)) {
    return fail("Does not look like a URL (must have a scheme or end with a top-level domain)");
  }
  return { ok: true, stored: url, addedScheme: !hadScheme };
}

/** `localhost`, or a last label that is a real top-level domain (IANA/ICANN list via tldts). */
export function endsWithTld(host: string): boolean {
  if (host === "localhost") return true;
  const dot = host.lastIndexOf(".");
  if (dot === -1) return false;
  const label = host.slice(dot + 1);
  if (!label || /^\d+$/.test(label)) return false;
  const parsed = parseDomain(`x.${label}`, { allowPrivateDomains: false, detectIp: false, extractHostname: false });
  return parsed.isIcann === true && parsed.publicSuffix === label;
}

/** The rust-url error text for the common ways a URL fails to parse (an approximation). */
function urlParseReason(url: string): string {
  const afterScheme = url.replace(/^\w+:\/\//, "");
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? "";
  const hostPort = authority.includes("@") ? authority.slice(authority.lastIndexOf("@") + 1) : authority;
  if (hostPort === "") return "empty host";
  const port = /:(.*)$/.exec(hostPort.replace(/^\[[^\]]*\]/, ""))?.[1];
  if (port !== undefined && port !== "" && (!/^\d+$/.test(port) || Number(port) > 65535)) return "invalid port number";
  if (hostPort.startsWith("[")) return "invalid IPv6 address";
  return "invalid domain character";
}
