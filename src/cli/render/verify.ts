import type { VerifyTokenResult } from "../../verify/verify-token.ts";
import type { Check } from "../../verify/verdict.ts";
import type { Colors } from "../output.ts";

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time", "updated_at"]);

/** Human output: header and claims (never the raw token), each check, the verdict and the fix. */
export function renderVerdict(result: VerifyTokenResult, colors: Colors, options: { now?: number } = {}): string {
  const { bold, dim, green, red, yellow, cyan } = colors;
  const { verdict } = result;
  const lines: string[] = [];
  const configFile = result.config.file ?? "no auth.config";
  lines.push(bold(`authwire verify token`) + dim(` — ${configFile}, env of ${result.env.label}`));
  lines.push("");
  if (verdict.token.header) lines.push(`  ${dim("header")}  ${JSON.stringify(verdict.token.header)}`);
  const claims = verdict.token.claims;
  if (claims) {
    const now = Math.floor(Date.now() / 1000);
    const keys = Object.keys(claims);
    const width = Math.min(24, Math.max(...keys.map((key) => key.length), 3));
    lines.push(`  ${dim("claims")}`);
    for (const key of keys) {
      const value = claims[key];
      let text = typeof value === "string" ? value : JSON.stringify(value);
      if (text.length > 120) text = `${text.slice(0, 117)}…`;
      if (TIME_CLAIMS.has(key) && typeof value === "number")
        text += dim(` (${new Date(value * 1000).toISOString()}, ${relative(value - now)})`);
      lines.push(`    ${key.padEnd(width)}  ${text}`);
    }
  }
  lines.push(`  ${dim("size")}    ${verdict.token.bytes} bytes`);
  lines.push("");
  if (verdict.provider) {
    lines.push(
      `${bold("provider")}  #${verdict.provider.index} ${verdict.provider.type} ${verdict.provider.issuer ?? "?"}${verdict.provider.applicationID ? ` (applicationID ${verdict.provider.applicationID})` : ""} ${dim(verdict.provider.location ?? "")}`,
    );
    lines.push("");
  }
  const errors = verdict.checks.filter((check) => check.severity === "error");
  const warnings = verdict.checks.filter((check) => check.severity === "warning" && !check.ok);
  lines.push(bold("checks"));
  for (const check of errors) lines.push(...renderCheck(check, colors));
  if (warnings.length) {
    lines.push(bold("warnings"));
    for (const check of warnings) lines.push(...renderCheck(check, colors));
  }
  const configNotes = result.config.problems.filter((problem) => problem.severity !== "error");
  if (configNotes.length) {
    lines.push(bold("auth.config"));
    for (const problem of configNotes) {
      const at = problem.location
        ? `${problem.location.file}:${problem.location.line}:${problem.location.column} `
        : "";
      lines.push(`  ${problem.severity === "warning" ? yellow("!") : dim("i")} ${dim(at)}${problem.message}`);
    }
  }
  if (verdict.skipped.length) {
    lines.push(bold("skipped"));
    for (const skipped of verdict.skipped) lines.push(`  ${dim("–")} ${skipped.id}: ${dim(skipped.reason)}`);
  }
  lines.push("");
  if (verdict.outcome === "accepted") {
    lines.push(`${bold("verdict")}  ${green("✔ ACCEPTED")} — Convex would authenticate this token.`);
    lines.push(`${bold("identity")} ${dim("(ctx.auth.getUserIdentity())")}`);
    for (const [key, value] of Object.entries(verdict.identity ?? {}))
      lines.push(`  ${cyan(key)}: ${JSON.stringify(value)}`);
  } else if (verdict.outcome === "rejected") {
    lines.push(
      `${bold("verdict")}  ${red("✘ REJECTED")}${verdict.error ? ` — Convex answers ${bold(verdict.error.code)} (HTTP ${verdict.error.httpStatus}):` : ""}`,
    );
    if (verdict.error) lines.push(`  ${dim(`"${verdict.error.message}"`)}`);
    if (verdict.explanation) lines.push(`  ${yellow("why:")} ${verdict.explanation}`);
    if (verdict.fix) lines.push(`  ${yellow("fix:")} ${verdict.fix}`);
  } else {
    lines.push(
      `${bold("verdict")}  ${yellow("? UNDETERMINED")} — nothing failed, but some checks could not run (see skipped).`,
    );
    // The expiry needs no env: an expired token is rejected whichever provider Convex picks.
    const expiry = expiredNote(verdict.token.claims, options.now);
    if (expiry) lines.push(`  ${red("but:")} ${expiry}`);
    if (verdict.fix) lines.push(`  ${yellow("fix:")} ${verdict.fix}`);
  }
  for (const note of result.notes) lines.push(`  ${yellow("note:")} ${note}`);
  return lines.join("\n");
}

function renderCheck(check: Check, colors: Colors): string[] {
  const { green, red, yellow, dim } = colors;
  const mark = check.ok ? green("✔") : check.severity === "warning" ? yellow("!") : red("✘");
  const lines = [`  ${mark} ${check.id.padEnd(22)} ${check.message}`];
  if (!check.ok) {
    lines.push(`    ${dim(`expected ${short(check.expected)}; actual ${short(check.actual)}`)}`);
    if (check.fix) lines.push(`    ${yellow("fix:")} ${check.fix}`);
  }
  return lines;
}

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "—" : text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function relative(seconds: number): string {
  const abs = Math.abs(seconds);
  const text =
    abs < 120
      ? `${abs} s`
      : abs < 7200
        ? `${Math.round(abs / 60)} min`
        : abs < 172800
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/** "the token expired 61 min ago (exp …)": what can be said about exp without knowing the provider. */
export function expiredNote(claims: Record<string, unknown> | null | undefined, now?: number): string | undefined {
  const exp = claims?.exp;
  const at = now ?? Math.floor(Date.now() / 1000);
  if (typeof exp !== "number" || exp > at) return undefined;
  return `the token expired ${relative(exp - at)} (exp ${new Date(exp * 1000).toISOString()}); whichever provider it routes to, Convex rejects it as expired. Get a fresh token.`;
}
