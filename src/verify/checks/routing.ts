/**
 * Routing (docs/internals/convex-auth.md#routing): the first provider, in auth.config order, whose domain/issuer equals the
 * token's iss (https:// added to a scheme-less iss, trailing slashes dropped on both sides) and
 * whose applicationID, when set, is one of the token's audiences. No fallback to a later provider.
 */
import type { EvaluatedAuthConfig, EvaluatedProvider } from "../../config/auth-config.ts";
import { CLERK_CONVEX_SETUP_URL, recogniseClerk } from "../clerk.ts";
import { CONVEX_ERRORS } from "../../oidc/convex-errors.ts";
import { audiencesOf, issuerWithScheme, trimTrailingSlashes } from "../token.ts";
import { addCheck, fieldSource, locationOf, skip, type JudgeContext, type StageResult } from "./context.ts";

export function issuerMatches(provider: EvaluatedProvider, iss: string): boolean {
  return (
    provider.issuer !== null && trimTrailingSlashes(provider.issuer) === trimTrailingSlashes(issuerWithScheme(iss))
  );
}

export function audienceMatches(provider: EvaluatedProvider, audiences: readonly string[]): boolean {
  return provider.applicationID === null || audiences.includes(provider.applicationID);
}

function isKnown(provider: EvaluatedProvider): boolean {
  return (
    provider.issuer !== null && !provider.unresolved.includes("applicationID") && !provider.unresolved.includes("*")
  );
}

export function routeToken(
  context: JudgeContext,
  config: EvaluatedAuthConfig,
): StageResult & { provider: EvaluatedProvider | null; undetermined?: boolean } {
  const iss = context.payload.iss as string;
  const audiences = audiencesOf(context.payload);
  // Entries that fail push-time validation are left out (config.push already fails); entries
  // whose values can't be known statically still hold their place in the first-match order.
  const usable = config.providers.filter((provider) => provider.valid || provider.unresolved.length > 0);
  const unknownBefore: EvaluatedProvider[] = [];
  let chosen: EvaluatedProvider | null = null;
  for (const provider of usable) {
    if (!isKnown(provider)) {
      // An unknown issuer or applicationID could match first (an unknown jwks/algorithm can't change routing).
      unknownBefore.push(provider);
      continue;
    }
    if (audienceMatches(provider, audiences) && issuerMatches(provider, iss)) {
      chosen = provider;
      break;
    }
  }
  const expected = usable.map((provider) => ({
    index: provider.index,
    type: provider.kind,
    issuer: provider.issuer,
    applicationID: provider.applicationID,
  }));
  if (unknownBefore.length > 0) {
    const which = unknownBefore
      .map((provider) => {
        const fields = provider.unresolved.map((field) => {
          const names = provider.envVars[field];
          return names?.length
            ? `${field} from ${names.join(" + ")}, not known for ${context.envLabel}`
            : field === "*"
              ? "the whole entry"
              : `${field} (not static)`;
        });
        return `provider ${provider.index} (${locationOf(provider)}): ${fields.join("; ")}`;
      })
      .join(" | ");
    skip(context, "route.provider", `can't tell which provider Convex picks first: ${which}`);
    if (!chosen) return { error: null, provider: null, undetermined: true };
  }
  if (chosen) {
    addCheck(context, "route.provider", true, {
      expected,
      actual: { iss, aud: audiences },
      message: `Provider ${chosen.index} (${chosen.kind}, ${locationOf(chosen)}) matches iss ${iss}${chosen.applicationID !== null ? ` and aud ${chosen.applicationID}` : ""}.`,
    });
    return { error: null, provider: chosen };
  }
  const { explanation, fix } = explainNoMatch(iss, audiences, usable, context);
  addCheck(context, "route.provider", false, { expected, actual: { iss, aud: audiences }, message: explanation, fix });
  return {
    error: CONVEX_ERRORS.noAuthProvider(usable.filter(isKnown), context.redact),
    explanation,
    fix,
    provider: null,
  };
}

function explainNoMatch(
  iss: string,
  audiences: readonly string[],
  providers: readonly EvaluatedProvider[],
  context: JudgeContext,
): { explanation: string; fix: string } {
  const clerk = recogniseClerk(context.payload);
  const audText = audiences.length === 0 ? "no aud" : `aud ${audiences.map((a) => JSON.stringify(a)).join(", ")}`;
  if (providers.length === 0) {
    return {
      explanation: "auth.config has no providers, so Convex rejects every token.",
      fix: `Add a provider for issuer ${iss} to convex/auth.config.ts: \`authwire add ${clerk ? "clerk" : `custom-jwt --issuer ${iss}`}\` (or \`authwire add <provider> --help\` for the others).`,
    };
  }
  const issuerHit = providers.find((provider) => issuerMatches(provider, iss));
  if (issuerHit) {
    const appSource = fieldSource(issuerHit, "applicationID", context.envLabel);
    if (clerk.isClerk && !clerk.hasConvexAudience && issuerHit.applicationID === "convex") {
      return {
        explanation: `This is a Clerk session token without aud "convex": provider ${issuerHit.index} (${locationOf(issuerHit)}) requires applicationID "convex", and the token has ${audText}.`,
        fix: `Activate the Convex integration in Clerk (${CLERK_CONVEX_SETUP_URL}), then sign out and in again; or create a JWT template named "convex" and request it with getToken({ template: "convex" }).`,
      };
    }
    return {
      explanation: `The token's iss ${iss} matches provider ${issuerHit.index} (${locationOf(issuerHit)}), but the token has ${audText}, not applicationID ${JSON.stringify(issuerHit.applicationID)} (${appSource}).`,
      fix:
        audiences.length === 0 && issuerHit.kind === "customJwt"
          ? `The token has no aud: remove applicationID from provider ${issuerHit.index} if this issuer's tokens never carry one (WorkOS AuthKit access tokens don't).`
          : `Make applicationID equal the token's audience${audiences.length === 1 ? ` (${JSON.stringify(audiences[0])})` : ""}, or have the identity provider issue tokens for ${JSON.stringify(issuerHit.applicationID)}.`,
    };
  }
  const closest = closestProvider(iss, providers);
  const source = fieldSource(closest, closest.issuerField, context.envLabel);
  const notes: string[] = [];
  const tokenIss = trimTrailingSlashes(issuerWithScheme(iss));
  const configured = closest.issuer ?? "";
  const trimmed = trimTrailingSlashes(configured);
  if (configured !== configured.trim())
    notes.push("the configured value has leading or trailing whitespace, which Convex keeps");
  else if (trimmed.toLowerCase() === tokenIss.toLowerCase())
    notes.push("they differ only in letter case, and Convex compares exactly");
  if (/\/\.well-known\//.test(configured))
    notes.push("the configured value is a well-known URL (JWKS or discovery), not the issuer");
  if (trimmed.replace(/^https?:/, "") === tokenIss.replace(/^https?:/, ""))
    notes.push("they differ in scheme (http vs https)");
  const clerkConfigured = recogniseClerk({ iss: configured });
  if (clerk.isClerk && clerkConfigured.instance && clerk.instance && clerk.instance !== clerkConfigured.instance) {
    notes.push(
      `the token comes from a Clerk ${clerk.instance} instance but the config points at a ${clerkConfigured.instance} one`,
    );
  } else if (clerk.instance && clerkConfigured.instance === clerk.instance) {
    notes.push(
      "both are Clerk instances, but different ones (check the Frontend API URL of the app the client signs in with)",
    );
  }
  const explanation = `The token's iss is ${iss}; ${source} is ${JSON.stringify(closest.issuer)} (provider ${closest.index}, ${locationOf(closest)})${
    notes.length ? `: ${notes.join("; ")}` : ""
  }. No provider matches.`;
  const envNames = closest.envVars[closest.issuerField];
  const fix =
    envNames && envNames.length === 1
      ? `Set ${envNames[0]} on ${context.envLabel} to the token's issuer: npx convex env set ${envNames[0]} ${iss}${context.envLabel.includes("prod") ? " --prod" : ""}`
      : `Set ${closest.issuerField} of provider ${closest.index} (${locationOf(closest)}) to ${iss}, or sign in with the identity provider it names.`;
  return { explanation, fix };
}

function closestProvider(iss: string, providers: readonly EvaluatedProvider[]): EvaluatedProvider {
  const tokenHost = hostOf(issuerWithScheme(iss));
  const score = (provider: EvaluatedProvider) => {
    if (!provider.issuer) return -1;
    const host = hostOf(provider.issuer);
    if (host === tokenHost) return 3;
    if (host && tokenHost && host.split(".").slice(-2).join(".") === tokenHost.split(".").slice(-2).join(".")) return 2;
    return 0;
  };
  return [...providers].sort((a, b) => score(b) - score(a))[0]!;
}

function hostOf(url: string): string {
  try {
    return new URL(url.trim()).hostname.toLowerCase();
  } catch {
    return "";
  }
}
