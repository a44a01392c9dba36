import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteCustomJwt } from "../../../test/helpers/projects.ts";
import {
  brokenJwks,
  customEc,
  customGood,
  customNoKid,
  customNoType,
  dataUri,
  ec,
  ecOnly,
  good,
  jwks,
  mixed,
  rsa,
  weak,
} from "../../../test/helpers/online-issuer.ts";
import rule from "./jwks-unusable.ts";

// The key sets are served by a local issuer on 127.0.0.1 (test/helpers/online-issuer.ts).
const clerk = viteClerk();
const custom = viteCustomJwt();
const oidc = (domain: string) => ({ dev: { CLERK_JWT_ISSUER_DOMAIN: domain } });
const customEnv = (url: string) => ({ dev: { JWT_ISSUER: "https://idp.example.com", JWT_JWKS_URL: url } });
const es256 = {
  ...custom.files,
  "convex/auth.config.ts": custom.files["convex/auth.config.ts"]!.replace('"RS256"', '"ES256"'),
};
ruleTester(rule, {
  valid: [
    { name: "local issuer: OIDC JWKS with an RS256 key", files: clerk.files, env: oidc(good), online: true },
    {
      name: "near miss: an unparsable key beside a good one is skipped, as Convex does",
      files: clerk.files,
      env: oidc(mixed),
      online: true,
    },
    {
      name: "local issuer: customJwt JWKS served as application/json, keys with kid",
      files: custom.files,
      env: customEnv(customGood),
      online: true,
    },
    {
      name: "local issuer: customJwt ES256 with an EC P-256 key",
      files: es256,
      env: customEnv(customEc),
      online: true,
    },
    { name: "near miss: a good data: URI JWKS, offline", files: custom.files, env: customEnv(dataUri(jwks(rsa))) },
    { name: "near miss: offline, a URL is not fetched", files: custom.files, env: customEnv(customNoType) },
  ],
  invalid: [
    {
      name: "local issuer: the OIDC JWKS answers 500",
      files: clerk.files,
      env: oidc(brokenJwks),
      online: true,
      errors: [{ messageId: "oidcFetch", target: "dev", message: "HTTP 500" }],
    },
    {
      name: "local issuer: only an ES256 key behind OIDC",
      files: clerk.files,
      env: oidc(ecOnly),
      online: true,
      errors: [{ messageId: "oidcKeys", message: "only EC P-256 (ES256) keys" }],
    },
    {
      name: "local issuer: a 1024-bit RSA key",
      files: clerk.files,
      env: oidc(weak),
      online: true,
      errors: [{ messageId: "oidcKeys", message: "1024 bits" }],
    },
    {
      name: "local issuer: customJwt JWKS without a Content-Type",
      files: custom.files,
      env: customEnv(customNoType),
      online: true,
      errors: [{ messageId: "customFetch", file: "convex/auth.config.ts", message: "no Content-Type" }],
    },
    {
      name: "local issuer: customJwt keys without a kid",
      files: custom.files,
      env: customEnv(customNoKid),
      online: true,
      errors: [{ messageId: "customKeys", message: "has a kid" }],
    },
    {
      name: "local issuer: algorithm RS256 but an EC key",
      files: custom.files,
      env: customEnv(customEc),
      online: true,
      errors: [{ messageId: "customKeys", message: "algorithm is RS256 but its keys are EC P-256" }],
    },
    {
      name: "a data: URI with an EC key for RS256, offline",
      files: custom.files,
      env: customEnv(dataUri(jwks(ec))),
      errors: [{ messageId: "customKeys", target: "dev" }],
    },
  ],
});
