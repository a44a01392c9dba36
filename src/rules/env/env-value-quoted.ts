/**
 * AW210: a deployment env value wrapped in quotes or carrying leading/trailing whitespace, the
 * usual result of shell quoting in `npx convex env set`. Convex stores the value as given: a
 * quoted domain never matches a token's issuer and a quoted PEM can't be imported.
 */
import { defineRule } from "../define.ts";

export function valueProblem(value: string): "quoted" | "whitespace" | null {
  if (/^(["'`]).*\1$/s.test(value) && value.length >= 2) return "quoted";
  if (/^\s|\s$/.test(value)) return "whitespace";
  return null;
}

export default defineRule({
  meta: {
    code: "AW210",
    name: "env-value-quoted",
    category: "env",
    severity: "error",
    fixable: false,
    description: "A deployment env value is wrapped in quotes or has stray whitespace.",
    docs: "docs/rules/env-value-quoted.md",
    messages: {
      quoted: "{{name}} on the {{target}} deployment is wrapped in quotes; Convex keeps them as part of the value.",
      whitespace:
        "{{name}} on the {{target}} deployment starts or ends with whitespace (often a trailing newline); issuers and keys compare exactly.",
    },
    fixes: {
      quoted:
        'Set it again without the quotes, value on stdin: `printf %s "$VALUE" | npx convex env set {{flag}}{{name}}`.',
      whitespace: 'Set it again without the whitespace: `printf %s "$VALUE" | npx convex env set {{flag}}{{name}}`.',
    },
  },
  async check({ doctor, report }) {
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      for (const [name, value] of Object.entries(env.values)) {
        const problem = valueProblem(value);
        if (problem)
          report({ messageId: problem, data: { name, target, flag: target === "prod" ? "--prod " : "" }, target });
      }
    }
  },
});
