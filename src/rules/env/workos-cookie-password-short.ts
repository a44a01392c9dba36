/**
 * AW209: WORKOS_COOKIE_PASSWORD shorter than 32 characters; the AuthKit SDKs refuse to seal
 * the session cookie with it.
 */
import { defineRule } from "../define.ts";
import { isTemplateEnvFile } from "../helpers.ts";

export default defineRule({
  meta: {
    code: "AW209",
    name: "workos-cookie-password-short",
    category: "env",
    severity: "error",
    fixable: false,
    description: "WORKOS_COOKIE_PASSWORD is shorter than 32 characters.",
    docs: "docs/rules/workos-cookie-password-short.md",
    messages: {
      short: "WORKOS_COOKIE_PASSWORD in {{where}} has {{length}} characters; AuthKit needs at least 32 to encrypt the session cookie.",
    },
    fixes: {
      short: "Generate one with `openssl rand -base64 32` and set it in {{where}} (and in your host's env for production).",
    },
  },
  async check({ doctor, report }) {
    for (const file of await doctor.localEnv()) {
      if (isTemplateEnvFile(file.path)) continue;
      const value = file.values.WORKOS_COOKIE_PASSWORD;
      if (value === undefined || value.length >= 32) continue;
      report({ messageId: "short", data: { where: file.path, length: value.length }, file: file.path, line: file.lineOf("WORKOS_COOKIE_PASSWORD") ?? 1, column: 1 });
    }
    for (const target of ["dev", "prod"] as const) {
      const value = (await doctor.env(target))?.values.WORKOS_COOKIE_PASSWORD;
      if (value === undefined || value.length >= 32) continue;
      report({ messageId: "short", data: { where: `the ${target} deployment`, length: value.length }, target });
    }
  },
});
