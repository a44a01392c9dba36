/**
 * `authwire add custom-jwt`: Convex trusts JWTs from your own identity provider, as a customJwt
 * entry (issuer + JWKS URL or inlined JWKS + algorithm + applicationID) or, with --oidc, an OIDC
 * entry (Convex discovers the keys). The values live on the deployment (CUSTOM_JWT_*), so dev and
 * prod can differ. The client gets ConvexProviderWithAuth and a generated useAuthFrom<Name> hook
 * to connect to the IdP (client.ts, hook.ts). Facts: docs/internals/provider-setup.md#custom-jwt.
 */
import { addAuthConfigProvider, type ConfigValue } from "../../edit/index.ts";
import { AuthwireError } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { defineRecipe, type OptionValues } from "../define.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { authConfigPath } from "../shared/index.ts";
import { planClient } from "./client.ts";
import { hookName, idpName } from "./hook.ts";
import { inlineJwksFile, parseAlgorithm, parseUrl, type Algorithm } from "./jwks.ts";
import { CUSTOM_JWT_STEPS, options } from "./options.ts";

const allOptions = { ...COMMON_OPTIONS, ...options };
type Values = OptionValues<typeof allOptions>;

interface Side {
  issuer?: string;
  /** A JWKS URL or a data: URI. */
  jwks?: string;
  applicationId?: string;
}

interface Resolved {
  oidc: boolean;
  algorithm: Algorithm;
  dev: Side;
  prod: Side;
}

function audience(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "")
    throw new AuthwireError("usage", `${flag} is empty; pass the audience (aud) your tokens carry.`);
  return value.trim();
}

async function jwksFor(
  url: string | undefined,
  file: string | undefined,
  flags: { url: string; file: string },
  root: string,
  algorithm: Algorithm | undefined,
) {
  if (url !== undefined && file !== undefined)
    throw new AuthwireError("usage", `Pass ${flags.url} or ${flags.file}, not both.`);
  if (url !== undefined) return { jwks: parseUrl(url, flags.url, "the JWKS URL"), algorithm: undefined };
  if (file !== undefined) {
    const inlined = await inlineJwksFile(file, root, flags.file, algorithm);
    return { jwks: inlined.dataUri, algorithm: inlined.algorithm };
  }
  return { jwks: undefined, algorithm: undefined };
}

/** Checked values. OIDC takes no key options; prod values come from the prod flags only. */
export async function resolveCustomJwt(values: Values, facts: ProjectFacts): Promise<Resolved> {
  const oidc = Boolean(values.oidc);
  const given = (keys: (keyof Values)[]) =>
    keys.filter((key) => values[key] !== undefined).map((key) => allOptions[key].flag);
  if (oidc) {
    const keyFlags = given(["jwks", "jwksFile", "algorithm", "prodJwks", "prodJwksFile"]);
    if (keyFlags.length > 0) {
      throw new AuthwireError(
        "usage",
        `--oidc takes the keys from <issuer>/.well-known/openid-configuration; drop ${keyFlags.join(", ")}.`,
        {
          hint: "Or leave out --oidc for a customJwt entry with these keys.",
        },
      );
    }
  }
  let algorithm = parseAlgorithm(values.algorithm);
  const dev: Side = {
    issuer: values.issuer !== undefined ? parseUrl(values.issuer, "--issuer", "the issuer URL") : undefined,
    applicationId: audience(values.applicationId, "--application-id"),
  };
  if (!oidc) {
    const found = await jwksFor(
      values.jwks,
      values.jwksFile,
      { url: "--jwks", file: "--jwks-file" },
      facts.root,
      algorithm,
    );
    dev.jwks = found.jwks;
    algorithm ??= found.algorithm;
  }
  const prod: Side = {};
  if (values.prod) {
    prod.issuer =
      values.prodIssuer !== undefined
        ? parseUrl(values.prodIssuer, "--prod-issuer", "the production issuer URL")
        : undefined;
    prod.applicationId = audience(values.prodApplicationId, "--prod-application-id");
    if (!oidc)
      prod.jwks = (
        await jwksFor(
          values.prodJwks,
          values.prodJwksFile,
          { url: "--prod-jwks", file: "--prod-jwks-file" },
          facts.root,
          algorithm ?? "RS256",
        )
      ).jwks;
  } else {
    const prodFlags = given(["prodIssuer", "prodJwks", "prodJwksFile", "prodApplicationId"]);
    if (prodFlags.length > 0) throw new AuthwireError("usage", `${prodFlags.join(", ")} only apply with --prod.`);
  }
  return { oidc, algorithm: algorithm ?? "RS256", dev, prod };
}

const ENV = {
  issuer: "CUSTOM_JWT_ISSUER",
  jwks: "CUSTOM_JWT_JWKS_URL",
  applicationId: "CUSTOM_JWT_APPLICATION_ID",
} as const;

export default defineRecipe({
  id: "custom-jwt",
  docs: "https://docs.convex.dev/auth/advanced/custom-jwt",
  options: allOptions,
  supports(facts) {
    switch (facts.framework.name) {
      case "vite":
      case "next-app":
      case "next-pages":
      case "tanstack-start":
        return "ok";
      case "expo":
        return {
          unsupported:
            "authwire doesn't verify Expo apps (no React Native build in its tests); wire ConvexProviderWithAuth with your hook in app/_layout.tsx as docs.convex.dev/auth/advanced/custom-auth shows",
        };
      default:
        return {
          unsupported: "authwire couldn't tell the app's framework; pass --framework vite, next or tanstack-start",
        };
    }
  },
  async plan(facts, values: Values, kit) {
    const resolved = await resolveCustomJwt(values, facts);
    const entry: Record<string, ConfigValue> = resolved.oidc
      ? { domain: { env: ENV.issuer }, applicationID: { env: ENV.applicationId } }
      : {
          type: "customJwt",
          issuer: { env: ENV.issuer },
          jwks: { env: ENV.jwks },
          algorithm: resolved.algorithm,
          applicationID: { env: ENV.applicationId },
        };
    kit.file(authConfigPath(facts), addAuthConfigProvider({ provider: entry }), {
      reason: resolved.oidc
        ? `trust OIDC tokens from ${ENV.issuer} for the audience ${ENV.applicationId} (keys by discovery)`
        : `trust ${resolved.algorithm} JWTs from ${ENV.issuer}, verified with the keys at ${ENV.jwks}, for the audience ${ENV.applicationId}`,
    });
    const variables = [
      [ENV.issuer, "issuer", "the issuer (tokens' iss)"],
      ...(resolved.oidc ? [] : [[ENV.jwks, "jwks", "the public keys (a JWKS URL or data: URI)"] as const]),
      [ENV.applicationId, "applicationId", "the audience (tokens' aud)"],
    ] as const;
    for (const [name, key, what] of variables) {
      kit.env(name, {
        target: "dev",
        value: resolved.dev[key],
        obtainedBy: CUSTOM_JWT_STEPS.idp,
        reason: `auth.config.ts reads it: ${what}`,
      });
      if (values.prod)
        kit.env(name, {
          target: "prod",
          value: resolved.prod[key],
          obtainedBy: CUSTOM_JWT_STEPS.production,
          reason: `auth.config.ts reads it on production: ${what}`,
        });
    }

    const name = idpName(values.idpName, resolved.dev.issuer);
    await planClient(facts, kit, { name, issuer: resolved.dev.issuer, applicationId: resolved.dev.applicationId });
    kit.humanStep({
      title: `Connect ${hookName(name)} to your identity provider: make use${name}Session (in the generated ${hookName(name)} file) return its loading state, signed-in state and a token getter`,
      why: "authwire can't know your identity provider's SDK; until the hook returns its session, the app stays signed out. If the SDK has its own React provider, render it around <ConvexProviderWithAuth>.",
    });
  },
  nextSteps(facts) {
    return [
      "Run `npx convex dev`: it pushes convex/auth.config.ts to the dev deployment, which must have the CUSTOM_JWT_* variables set first.",
      "Tokens must carry kid (in the header), iss, sub, aud and exp, and be signed with a key from the JWKS (RSA keys of 2048 to 8192 bits, or EC P-256).",
      ...(facts.framework.name === "tanstack-start"
        ? [
            "SSR queries run signed out: to authenticate them, set your token in the root route's beforeLoad with ctx.context.convexQueryClient.serverHttpClient?.setAuth(token).",
          ]
        : []),
    ];
  },
});
