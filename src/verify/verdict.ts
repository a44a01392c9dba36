/** The verdict shape (design.md `verify token --json`, version 1) and its building blocks. */
import type { FetchRecord } from "../oidc/http.ts";
import type { Identity } from "./identity.ts";
import type { JsonObject } from "./token.ts";

export type CheckSeverity = "error" | "warning";

/** One rule applied to the token. Error checks decide acceptance; warnings are advice. */
export interface Check {
  /** Stable id, e.g. "route.provider", "oidc.exp", "jwt.kid". */
  id: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
  /** What was found, in plain words. */
  message: string;
  severity: CheckSeverity;
  /** What to do when the check fails. */
  fix?: string;
}

export interface VerdictProvider {
  index: number;
  type: "oidc" | "customJwt";
  /** The stored domain (OIDC) or issuer (customJwt). */
  issuer: string | null;
  applicationID: string | null;
  /** file:line:column of the provider entry in auth.config. */
  location?: string;
}

export interface Verdict {
  version: 1;
  accepted: boolean;
  /** "undetermined": nothing failed, but a needed step was skipped (offline, unknown config value). */
  outcome: "accepted" | "rejected" | "undetermined";
  provider: VerdictProvider | null;
  checks: Check[];
  /** What the Convex backend would answer: its code, its message, and the HTTP status. */
  error: { code: string; message: string; httpStatus: number } | null;
  /** authwire's plain explanation of the rejection and the fix (env var, deployment, file:line). */
  explanation: string | null;
  fix: string | null;
  /** The identity Convex would build (`ctx.auth.getUserIdentity()`), when accepted. */
  identity: Identity | null;
  /** Checks not run, and why (offline, unknown config values). */
  skipped: Array<{ id: string; reason: string }>;
  /** The decoded token for display: never the raw token. */
  token: { header: JsonObject | null; claims: JsonObject | null; bytes: number };
  /** Requests made (cache hits marked). */
  fetches: FetchRecord[];
  /** Whether error messages were redacted as a production deployment would. */
  redacted: boolean;
}
