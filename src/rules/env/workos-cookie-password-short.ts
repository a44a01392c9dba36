/**
 * AW209: WORKOS_COOKIE_PASSWORD shorter than 32 characters; the AuthKit SDKs refuse to seal
 * the session cookie with it. Fixable in a local dotenv file that git ignores: a new random
 * password (32 random bytes, base64url: 43 characters) replaces it. Sessions sealed with the old
 * one end, but with a short one none could be sealed. A deployment's value is left to the user.
 */
import { randomBytes } from "node:crypto";
import { setDotenvValues } from "../../edit/dotenv.ts";
import { defineRule } from "../define.ts";
import { fileEdit, isTemplateEnvFile } from "../helpers.ts";

/** A cookie password AuthKit accepts: 256 random bits, 43 characters that need no quoting. */
export function newCookiePassword(): string {
  return randomBytes(32).toString("base64url");
}

export default defineRule({
  meta: {
    code: "AW209",
    name: "workos-cookie-password-short",
    category: "env",
    severity: "error",
    fixable: true,
    description: "WORKOS_COOKIE_PASSWORD is shorter than 32 characters.",
    docs: "docs/rules/workos-cookie-password-short.md",
    messages: {
      short:
        "WORKOS_COOKIE_PASSWORD in {{where}} has {{length}} characters; AuthKit needs at least 32 to encrypt the session cookie.",
    },
    fixes: {
      short:
        "Generate one with `openssl rand -base64 32` and set it in {{where}} (and in your host's env for production){{auto}}.",
    },
  },
  async check({ doctor, report }) {
    for (const file of await doctor.localEnv()) {
      if (isTemplateEnvFile(file.path)) continue;
      const value = file.values.WORKOS_COOKIE_PASSWORD;
      if (value === undefined || value.length >= 32) continue;
      // A new secret goes only into a file git won't commit (AW202 fixes the .gitignore first).
      const edits =
        (await doctor.gitIgnored(file.path)) === false
          ? undefined
          : fileEdit(
              file.path,
              await doctor.read(file.path),
              setDotenvValues({ set: { WORKOS_COOKIE_PASSWORD: newCookiePassword() } }),
              "a new random 43-character WORKOS_COOKIE_PASSWORD",
            );
      report({
        messageId: "short",
        data: {
          where: file.path,
          length: value.length,
          auto: edits ? "; authwire doctor --fix writes a random one" : "",
        },
        file: file.path,
        line: file.lineOf("WORKOS_COOKIE_PASSWORD") ?? 1,
        column: 1,
        edits,
      });
    }
    for (const target of ["dev", "prod"] as const) {
      const value = (await doctor.env(target))?.values.WORKOS_COOKIE_PASSWORD;
      if (value === undefined || value.length >= 32) continue;
      report({
        messageId: "short",
        data: { where: `the ${target} deployment`, length: value.length, auto: "" },
        target,
      });
    }
  },
});
