/**
 * `authwire add custom-jwt`'s options: the CLI flags, the MCP option names (the keys) and the
 * human step that yields each value. Kept free of imports so `authwire add --help` stays cheap.
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";

export const CUSTOM_JWT_STEPS = {
  idp: {
    title:
      "Look up your identity provider's issuer (the tokens' iss), its JWKS URL and the audience (aud) its tokens carry for this app; an OIDC provider lists the first two at <issuer>/.well-known/openid-configuration (issuer, jwks_uri)",
    why: "Convex accepts a token only when its iss matches the issuer, its signature verifies with a key from the JWKS, and its aud contains the applicationID.",
  },
  production: {
    title: "Look up the production identity provider's issuer, JWKS URL and audience",
    why: "The production deployment must trust the production issuer and audience, which usually differ from the development ones.",
  },
} satisfies Record<string, HumanStep>;

export const options = {
  issuer: {
    flag: "--issuer",
    description: "the issuer URL, exactly the tokens' iss claim (https://auth.example.com)",
    obtainedBy: CUSTOM_JWT_STEPS.idp,
    env: ["dev:CUSTOM_JWT_ISSUER"],
  },
  jwks: {
    flag: "--jwks",
    description: "the JWKS URL that serves the public keys (or --jwks-file FILE to inline them)",
    obtainedBy: CUSTOM_JWT_STEPS.idp,
    env: ["dev:CUSTOM_JWT_JWKS_URL"],
  },
  jwksFile: {
    flag: "--jwks-file",
    description: "a JWKS file (public keys) to inline as a data: URI instead of --jwks; relative to the app",
  },
  algorithm: {
    flag: "--algorithm",
    description: "RS256 or ES256 (default: from the JWKS file's keys, else RS256)",
  },
  applicationId: {
    flag: "--application-id",
    description: "the audience (aud) the tokens carry for this app; Convex's applicationID",
    obtainedBy: CUSTOM_JWT_STEPS.idp,
    env: ["dev:CUSTOM_JWT_APPLICATION_ID"],
  },
  oidc: {
    flag: "--oidc",
    type: "boolean",
    description:
      "an OIDC entry instead of customJwt: Convex finds the keys through <issuer>/.well-known/openid-configuration",
  },
  idpName: {
    flag: "--idp-name",
    description: "the name in the generated hook, useAuthFrom<Name> (default: from the issuer's domain)",
  },
  prodIssuer: {
    flag: "--prod-issuer",
    description: "with --prod: the production issuer URL",
    obtainedBy: CUSTOM_JWT_STEPS.production,
    env: ["prod:CUSTOM_JWT_ISSUER"],
  },
  prodJwks: {
    flag: "--prod-jwks",
    description: "with --prod: the production JWKS URL (or --prod-jwks-file FILE)",
    obtainedBy: CUSTOM_JWT_STEPS.production,
    env: ["prod:CUSTOM_JWT_JWKS_URL"],
  },
  prodJwksFile: {
    flag: "--prod-jwks-file",
    description: "with --prod: a production JWKS file to inline as a data: URI",
  },
  prodApplicationId: {
    flag: "--prod-application-id",
    description: "with --prod: the audience of production tokens",
    obtainedBy: CUSTOM_JWT_STEPS.production,
    env: ["prod:CUSTOM_JWT_APPLICATION_ID"],
  },
} satisfies RecipeOptions;
