import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryFiles } from "../project/files.ts";
import { evaluateAuthConfig, readAuthConfig, readAuthConfigSource, type ConfigProblem } from "./auth-config.ts";
import { deploymentUrls } from "./deployment-urls.ts";
import { checkIssuerUrl, endsWithTld } from "./issuer-url.ts";

/**
 * Case folders: test/cases/auth-config/<case>/{auth.config.ts|js, case.json}. case.json gives the
 * env, optional builtins, and the expected providers/problems (fields not named are not compared;
 * `at` is "line:column"). Adding a case means adding a folder.
 */
const CASES = join(import.meta.dirname, "../../test/cases/auth-config");

interface CaseFile {
  about: string;
  file?: string;
  env: Record<string, string>;
  builtins?: Record<string, string>;
  expect: {
    providers?: Array<Record<string, unknown>>;
    problems?: Array<Record<string, unknown>>;
    envReads?: Array<Record<string, unknown>>;
    pushError?: string | null;
    complete?: boolean;
  };
}

const at = (loc: { line: number; column: number } | undefined) => (loc ? `${loc.line}:${loc.column}` : undefined);

function problemView(problem: ConfigProblem): Record<string, unknown> {
  return { ...problem, at: at(problem.location) };
}

function matches(actual: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, value]) => {
    try {
      expect(actual[key]).toEqual(value);
      return true;
    } catch {
      return false;
    }
  });
}

describe("auth.config case folders", () => {
  for (const name of readdirSync(CASES).sort()) {
    const caseFile = JSON.parse(readFileSync(join(CASES, name, "case.json"), "utf8")) as CaseFile;
    it(`${name}: ${caseFile.about}`, async () => {
      const fileName = caseFile.file ?? "auth.config.ts";
      const files = memoryFiles({ [`convex/${fileName}`]: readFileSync(join(CASES, name, fileName), "utf8") });
      const raw = await readAuthConfig(files, "convex");
      const evaluated = evaluateAuthConfig(raw, caseFile.env, caseFile.builtins);
      const want = caseFile.expect;
      if (want.providers) {
        const view = evaluated.providers.map((provider) => ({
          ...provider,
          fieldLocations: Object.fromEntries(Object.entries(provider.fieldLocations).map(([k, v]) => [k, at(v)])),
        }));
        expect(view).toHaveLength(want.providers.length);
        want.providers.forEach((expected, index) => expect(view[index]).toMatchObject(expected));
      }
      if (want.envReads) {
        expect(raw.envReads.map((read) => ({ ...read, at: at(read.loc) }))).toMatchObject(want.envReads);
      }
      if (want.problems) {
        const actual = evaluated.problems.map(problemView);
        const unmatched = [...actual];
        for (const expected of want.problems) {
          const found = unmatched.findIndex((candidate) => matches(candidate, expected));
          expect(
            found,
            `expected problem ${JSON.stringify(expected)} among ${JSON.stringify(actual, null, 1)}`,
          ).not.toBe(-1);
          unmatched.splice(found, 1);
        }
        expect(unmatched, "unexpected problems").toEqual([]);
      }
      if (want.pushError !== undefined) expect(evaluated.pushError?.code ?? null).toBe(want.pushError);
      if (want.complete !== undefined) expect(evaluated.complete).toBe(want.complete);
      for (const problem of evaluated.problems) {
        if (problem.location) expect(problem.location.file).toBe(`convex/${fileName}`);
      }
    });
  }
  it("has at least 15 cases", () => {
    expect(
      readdirSync(CASES).filter((name) => existsSync(join(CASES, name, "case.json"))).length,
    ).toBeGreaterThanOrEqual(15);
  });
});

describe("readAuthConfig", () => {
  it("reports both .ts and .js as the CLI's error and analyses the .ts", async () => {
    const files = memoryFiles({
      "convex/auth.config.ts":
        'export default { providers: [{ domain: "https://a.example.com", applicationID: "a" }] };',
      "convex/auth.config.js": "export default { providers: [] };",
    });
    const raw = await readAuthConfig(files, "convex");
    expect(raw.files).toEqual(["convex/auth.config.ts", "convex/auth.config.js"]);
    expect(raw.file).toBe("convex/auth.config.ts");
    expect(raw.problems[0]).toMatchObject({
      code: "AuthConfigBothFiles",
      severity: "error",
      message: "Found both convex/auth.config.js and convex/auth.config.ts, choose one.",
    });
    expect(raw.providers).toHaveLength(1);
  });

  it("says there are no providers when there is no file", async () => {
    const raw = await readAuthConfig(memoryFiles({ "package.json": "{}" }), "convex");
    expect(raw.file).toBeNull();
    const evaluated = evaluateAuthConfig(raw, {});
    expect(evaluated.providers).toEqual([]);
    expect(evaluated.pushError).toBeNull();
    expect(evaluated.problems.map((p) => p.code)).toEqual(["AuthwireNoConfigFile"]);
  });

  it("follows a custom functions folder", async () => {
    const raw = await readAuthConfig(
      memoryFiles({
        "backend/convex/auth.config.ts":
          'export default { providers: [{ domain: "https://a.dev", applicationID: "a" }] };',
      }),
      "backend/convex/",
    );
    expect(raw.file).toBe("backend/convex/auth.config.ts");
    expect(raw.providers?.[0]?.fields.domain?.keyLocation).toEqual({
      file: "backend/convex/auth.config.ts",
      line: 1,
      column: 32,
    });
  });

  it("keeps each field's raw form: env reference, template with env refs, literal, dynamic", () => {
    const raw = readAuthConfigSource(
      "convex/auth.config.ts",
      [
        "import { env } from './_generated/server';",
        "const { WORKOS_CLIENT_ID } = process.env;",
        "export default { providers: [{",
        "  type: 'customJwt',",
        "  issuer: `https://api.workos.com/user_management/${WORKOS_CLIENT_ID}`,",
        "  jwks: env.JWKS_URL,",
        "  algorithm: Math.random() > 1 ? 'RS256' : 'ES256',",
        "}] };",
      ].join("\n"),
    );
    const fields = raw.providers![0]!.fields;
    expect(fields.type!.value).toMatchObject({ kind: "string", value: "customJwt" });
    expect(fields.issuer!.value).toMatchObject({
      kind: "concat",
      parts: [
        { kind: "string", value: "https://api.workos.com/user_management/" },
        { kind: "env", name: "WORKOS_CLIENT_ID", syntax: "process.env" },
      ],
    });
    expect(fields.jwks!.value).toMatchObject({
      kind: "env",
      name: "JWKS_URL",
      syntax: "env",
      loc: { line: 6, column: 9 },
    });
    expect(fields.algorithm!.value).toMatchObject({ kind: "dynamic", loc: { line: 7, column: 14 } });
    expect(raw.envReads.map((read) => read.name)).toEqual(["WORKOS_CLIENT_ID", "JWKS_URL"]);
  });

  it("reads a const the config imports by a relative path, and an entry of a const object", async () => {
    const raw = await readAuthConfig(
      memoryFiles({
        "convex/lib/envAuth.ts":
          "export const envAuth = { WORKOS_CLIENT_ID: process.env.WORKOS_CLIENT_ID } as const;\n",
        "convex/lib/index.ts": 'const issuer = "https://api.workos.com/";\nexport { issuer as WORKOS_ISSUER };\n',
        "convex/auth.config.ts": [
          'import { envAuth } from "./lib/envAuth";',
          'import { WORKOS_ISSUER } from "./lib";',
          'import { shared } from "@acme/config";',
          "const clientId = envAuth.WORKOS_CLIENT_ID;",
          "export default { providers: [{",
          '  type: "customJwt",',
          "  issuer: WORKOS_ISSUER,",
          "  jwks: `https://api.workos.com/sso/jwks/${clientId}`,",
          "  applicationID: envAuth['WORKOS_CLIENT_ID'],",
          '  algorithm: shared.algorithm ?? "RS256",',
          "}] };",
        ].join("\n"),
      }),
      "convex",
    );
    const fields = raw.providers![0]!.fields;
    expect(fields.issuer!.value).toMatchObject({ kind: "string", value: "https://api.workos.com/" });
    expect(fields.jwks!.value).toMatchObject({
      kind: "concat",
      parts: [{ kind: "string" }, { kind: "env", name: "WORKOS_CLIENT_ID", loc: { file: "convex/lib/envAuth.ts" } }],
    });
    expect(fields.applicationID!.value).toMatchObject({ kind: "env", name: "WORKOS_CLIENT_ID" });
    // A package's module is not read: still dynamic, said where.
    expect(fields.algorithm!.value).toMatchObject({
      kind: "dynamic",
      loc: { file: "convex/auth.config.ts", line: 10 },
    });
  });

  it("does not treat an `env` from another module as the deployment env", () => {
    const raw = readAuthConfigSource(
      "convex/auth.config.ts",
      "import { env } from './config';\nexport default { providers: [{ domain: env.DOMAIN, applicationID: 'a' }] };",
    );
    expect(raw.envReads).toEqual([]);
    expect(raw.providers![0]!.fields.domain!.value).toMatchObject({ kind: "dynamic" });
  });

  it("never throws on odd but valid modules", () => {
    for (const source of [
      "export default 42;",
      "export default null;",
      "export default [];",
      "const a = a; export default a;",
      "export default { providers: 'none' };",
      "export default { providers: [1, null, 'x'] };",
      "export default { [`providers`]: [] };",
      "const x = { ...undefined }; export default x;",
    ]) {
      const raw = readAuthConfigSource("convex/auth.config.ts", source);
      const evaluated = evaluateAuthConfig(raw, {});
      expect(evaluated.problems.length + evaluated.providers.length, source).toBeGreaterThanOrEqual(0);
    }
  });

  it("a customJwt entry's inner error is swallowed by serde's untagged enum, as Convex answers (E1); the hint keeps it", () => {
    const evaluated = evaluateAuthConfig(
      readAuthConfigSource(
        "convex/auth.config.ts",
        "export default { providers: [{ type: 'customJwt', issuer: 'https://a.dev', jwks: ['x'], algorithm: 'RS256' }] };",
      ),
      {},
    );
    expect(evaluated.pushError?.message).toBe(
      "auth config file must include a list of provider credentials: data did not match any variant of untagged enum SerializedAuthInfo ",
    );
    expect(evaluated.pushError?.hint).toContain("invalid type: sequence, expected a string");
  });
});

describe("checkIssuerUrl", () => {
  it.each([
    ["https://x.clerk.accounts.dev", "https://x.clerk.accounts.dev"],
    ["x.clerk.accounts.dev", "https://x.clerk.accounts.dev"],
    ["localhost", "https://localhost"],
    ["tenant.eu.auth0.com/", "https://tenant.eu.auth0.com/"],
    ["http://localhost:3211", "http://localhost:3211"],
    ["a.рф", "https://a.рф"],
  ])("accepts %s and stores %s", (input, stored) => {
    expect(checkIssuerUrl(input)).toEqual({ ok: true, stored, addedScheme: !input.includes("://") });
  });
  it.each([
    ["foobar123", "Does not look like a URL (must have a scheme or end with a top-level domain)"],
    ["idont.looklikeadomain", "Does not look like a URL (must have a scheme or end with a top-level domain)"],
    ["192.168.0.1", "Does not look like a URL (must have a scheme or end with a top-level domain)"],
    ['"https://a.com"', 'starts with a double quote (")'],
    ["ws://a.com", "scheme should be http or https"],
    ["https://", "empty host"],
    ["https://a.com:99999", "invalid port number"],
  ])("rejects %s", (input, reason) => {
    expect(checkIssuerUrl(input)).toMatchObject({
      ok: false,
      reason,
      message: `Invalid provider domain URL "${input}": ${reason}`,
    });
  });
  it("uses the real TLD list", () => {
    expect(endsWithTld("a.dev")).toBe(true);
    expect(endsWithTld("a.site")).toBe(true);
    expect(endsWithTld("a.local")).toBe(false);
    expect(endsWithTld("a.internal")).toBe(false);
    expect(endsWithTld("a")).toBe(false);
  });
});

describe("deploymentUrls", () => {
  it.each([
    ["dev:happy-animal-123", "https://happy-animal-123.convex.cloud", "https://happy-animal-123.convex.site"],
    [
      "prod:quiet-fox-9 # team: acme, project: app",
      "https://quiet-fox-9.convex.cloud",
      "https://quiet-fox-9.convex.site",
    ],
    ["happy-animal-123", "https://happy-animal-123.convex.cloud", "https://happy-animal-123.convex.site"],
    [
      "https://happy-animal-123.convex.cloud",
      "https://happy-animal-123.convex.cloud",
      "https://happy-animal-123.convex.site",
    ],
    [
      "https://happy-animal-123.eu-west-1.convex.cloud/",
      "https://happy-animal-123.eu-west-1.convex.cloud",
      "https://happy-animal-123.eu-west-1.convex.site",
    ],
    [
      "https://happy-animal-123.convex.site",
      "https://happy-animal-123.convex.cloud",
      "https://happy-animal-123.convex.site",
    ],
    ["http://127.0.0.1:3210", "http://127.0.0.1:3210", "http://127.0.0.1:3211"],
  ])("%s", (input, cloud, site) => {
    expect(deploymentUrls(input)).toEqual({ CONVEX_CLOUD_URL: cloud, CONVEX_SITE_URL: site });
  });
  it("returns null for what it can't derive", () => {
    expect(deploymentUrls("local:local-team-app")).toBeNull();
    expect(deploymentUrls("https://example.com")).toBeNull();
    expect(deploymentUrls("not a name")).toBeNull();
  });
});
