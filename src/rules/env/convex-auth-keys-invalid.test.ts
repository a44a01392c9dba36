import { generateKeyPairSync } from "node:crypto";
import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { convexAuthKeys, viteClerk, viteConvexAuth } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-keys-invalid.ts";

const app = viteConvexAuth();
const other = convexAuthKeys();
const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();
ruleTester(rule, {
  valid: [
    { name: "key pair from npx @convex-dev/auth (newlines as spaces)", files: app.files, env: app.env },
    {
      name: "near miss: PEM with real newlines",
      files: app.files,
      env: {
        dev: { ...app.env.dev, JWT_PRIVATE_KEY: app.env.dev!.JWT_PRIVATE_KEY!.replace(/ (?!PRIVATE|KEY)/g, "\n") },
      },
    },
    { name: "near miss: not a Convex Auth app", files: viteClerk().files, env: { dev: { JWT_PRIVATE_KEY: "nope" } } },
  ],
  invalid: [
    {
      name: "PKCS#1 key",
      files: app.files,
      env: { dev: { ...app.env.dev, JWT_PRIVATE_KEY: pkcs1 } },
      errors: [{ messageId: "notPkcs8", target: "dev" }],
    },
    {
      name: "JWKS from another pair on prod",
      files: app.files,
      env: { prod: { ...app.env.prod, JWKS: other.JWKS } },
      errors: [{ messageId: "mismatch", target: "prod" }],
    },
    {
      name: "two keys in JWKS, and garbage key",
      files: app.files,
      env: {
        dev: {
          JWT_PRIVATE_KEY: "-----BEGIN PRIVATE KEY----- abc -----END PRIVATE KEY-----",
          JWKS: JSON.stringify({ keys: [{}, {}] }),
        },
      },
      errors: [{ messageId: "unreadableKey" }, { messageId: "keyCount" }],
    },
  ],
});
