/**
 * Convex's actual answer against authwire's verdict for the same token. They should agree; when
 * they don't, either the deployment runs a different auth.config or env than the one authwire read
 * (a local edit not pushed yet, or the env given with --dev-env/--env isn't the deployment's), the
 * deployment and this machine see a different network, or authwire judges wrongly (a bug).
 */
import type { ConvexReply } from "./capture.ts";
import type { Verdict } from "../verdict.ts";

export type LikelyCause = "config-not-pushed" | "network" | "authwire-bug";

export interface Disagreement {
  /** What the deployment answered and what authwire decided. */
  convex: { accepted: boolean; code: string | null };
  authwire: { outcome: Verdict["outcome"]; code: string | null };
  /** "outcome": one accepted, the other rejected; "error": both rejected, for different reasons. */
  kind: "outcome" | "error";
  likelyCause: LikelyCause;
  message: string;
}

/** Checks whose failure depends on the config and env authwire read, not on the token alone. */
const CONFIG_CHECKS = new Set([
  "config.push",
  "route.provider",
  "oidc.audience",
  "jwt.issuer",
  "jwt.audience",
  "jwt.alg",
  "jwt.jwks",
  "oidc.iss-url",
]);
const NETWORK_CHECKS = new Set(["oidc.discovery", "oidc.discovery-issuer", "oidc.jwks", "jwt.jwks"]);
const NETWORK_CODES = new Set(["AuthProviderDiscoveryFailed"]);

const PUSH =
  "the deployment runs a different auth.config or env than authwire read: a local convex/auth.config.ts edit not pushed yet (npx convex dev / npx convex deploy), or the env given to authwire (--dev-env/--prod-env/--env) isn't the deployment's";
const BUG =
  "authwire judged this token differently from the Convex backend for the same config; that is a bug in authwire — please report it with this JSON (it holds no raw token)";

export function compareReply(reply: ConvexReply, verdict: Verdict): Disagreement | null {
  if (verdict.outcome === "undetermined") return null;
  const convex = { accepted: reply.accepted, code: reply.error?.code ?? null };
  const authwire = { outcome: verdict.outcome, code: verdict.error?.code ?? null };
  const firstFailure = verdict.checks.find((check) => check.severity === "error" && !check.ok);
  const networkFailure = verdict.checks.some((check) => !check.ok && NETWORK_CHECKS.has(check.id));
  const unreachable = verdict.checks.some((check) => check.id === "advice.reachable" && !check.ok);

  if (reply.accepted && verdict.outcome === "rejected") {
    if (firstFailure && NETWORK_CHECKS.has(firstFailure.id)) {
      return {
        convex,
        authwire,
        kind: "outcome",
        likelyCause: "network",
        message: `Convex accepted the token, but authwire could not fetch what it needed (${firstFailure.id}: ${firstFailure.message}). The deployment reaches the issuer; this machine doesn't.`,
      };
    }
    const configDependent = !firstFailure || CONFIG_CHECKS.has(firstFailure.id);
    return {
      convex,
      authwire,
      kind: "outcome",
      likelyCause: configDependent ? "config-not-pushed" : "authwire-bug",
      message: configDependent
        ? `Convex accepted the token, but authwire's reading of the local config rejects it (${authwire.code ?? firstFailure?.id}). Likelier: ${PUSH}. Once pushed, this config would break sign-in.`
        : `Convex accepted the token, but authwire rejects it on ${firstFailure.id}, a check that doesn't depend on the config. Likelier: ${BUG}.`,
    };
  }
  if (!reply.accepted && verdict.outcome === "accepted") {
    if ((convex.code && NETWORK_CODES.has(convex.code)) || /JWKS/.test(reply.error?.message ?? "")) {
      return {
        convex,
        authwire,
        kind: "outcome",
        likelyCause: "network",
        message: unreachable
          ? `Convex could not fetch the issuer's discovery document or keys, which authwire fetched from this machine: the issuer is on a loopback or private address the deployment can't reach.`
          : `Convex could not fetch the issuer's discovery document or keys, which authwire fetched from this machine: the deployment and this machine see the issuer differently (firewall, DNS, an issuer answering by origin).`,
      };
    }
    const configCause = convex.code === "NoAuthProvider" || convex.code === null;
    return {
      convex,
      authwire,
      kind: "outcome",
      likelyCause: configCause ? "config-not-pushed" : "authwire-bug",
      message: configCause
        ? `Convex rejected the token${convex.code ? ` (${convex.code})` : ""}, but the local config accepts it. Likelier: ${PUSH}. Push the config (npx convex dev) and try again.`
        : `Convex rejected the token (${convex.code}: ${reply.error?.message}), but authwire accepts it with the same config. Likelier: ${BUG}.`,
    };
  }
  if (
    !reply.accepted &&
    verdict.outcome === "rejected" &&
    convex.code &&
    authwire.code &&
    convex.code !== authwire.code
  ) {
    const likelyCause: LikelyCause =
      networkFailure || NETWORK_CODES.has(convex.code)
        ? "network"
        : convex.code === "NoAuthProvider" || authwire.code === "NoAuthProvider"
          ? "config-not-pushed"
          : "authwire-bug";
    return {
      convex,
      authwire,
      kind: "error",
      likelyCause,
      message: `Both reject the token, but for different reasons: Convex answered ${convex.code}, authwire predicted ${authwire.code}. Likelier: ${likelyCause === "config-not-pushed" ? PUSH : likelyCause === "network" ? "the deployment and this machine reach the issuer differently" : BUG}.`,
    };
  }
  return null;
}
