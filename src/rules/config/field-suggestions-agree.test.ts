/**
 * One owner for "unknown auth.config provider field": the config layer's AuthwireUnknownField
 * problem and doctor's AW103 finding must name the same field meant (or both none).
 */
import { describe, expect, it } from "vitest";
import { readAuthConfigSource } from "../../config/auth-config.ts";
import { runRuleOn } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-field-invalid.ts";

const NAMES = [
  "jwksUri",
  "JWKS_URI",
  "jwksURL",
  "keys",
  "issuerUrl",
  "iss",
  "clientId",
  "Client_ID",
  "audience",
  "appId",
  "algorithms",
  "alg",
  "url",
  "issuerDomain",
  "kind",
  "provider",
  "refreshToken",
];

const ENTRIES = {
  oidc: (field: string) => `{ domain: "https://issuer.example.com", applicationID: "convex", ${field}: "x" }`,
  customJwt: (field: string) =>
    `{ type: "customJwt", applicationID: "app", issuer: "https://issuer.example.com", jwks: "https://issuer.example.com/jwks", algorithm: "RS256", ${field}: "x" }`,
};

const meant = (message: string | undefined) => (message ? /did you mean `([^`]+)`/.exec(message)?.[1] : undefined);

describe("unknown auth.config fields: the config layer and AW103 agree", () => {
  for (const [kind, entry] of Object.entries(ENTRIES)) {
    it(`${kind} entries`, async () => {
      const answers: Record<string, [string | undefined, string | undefined]> = {};
      for (const name of NAMES) {
        const source = `export default { providers: [ ${entry(name)} ] };\n`;
        const config = readAuthConfigSource("convex/auth.config.ts", source);
        const problem = config.problems.find((p) => p.code === "AuthwireUnknownField" && p.field === name);
        expect(problem, `config layer on ${name}`).toBeDefined();
        const findings = await runRuleOn(rule, {
          name,
          files: { ...viteBaseline().files, "convex/auth.config.ts": source },
        });
        const finding = findings.find((f) => f.code === "AW103" && f.message.includes(`\`${name}\``));
        expect(finding, `AW103 on ${name}`).toBeDefined();
        answers[name] = [meant(problem?.message), meant(finding?.message)];
      }
      for (const [name, [fromConfig, fromDoctor]] of Object.entries(answers))
        expect(fromDoctor, `did you mean for ${name}`).toBe(fromConfig);
      // Not vacuous: most names get a suggestion, the issuer's name follows the entry's type.
      expect(Object.values(answers).filter(([fromConfig]) => fromConfig !== undefined).length).toBeGreaterThan(12);
      expect(answers.issuerUrl?.[0]).toBe(kind === "customJwt" ? "issuer" : "domain");
      expect(answers.Client_ID?.[0]).toBe("applicationID");
      expect(answers.refreshToken?.[0]).toBeUndefined();
    });
  }
});
