import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConvexJson } from "./convex-json.ts";

const require = createRequire(import.meta.url);
const INSTALLED = readFileSync(
  join(dirname(require.resolve("convex/package.json")), "schemas/convex.schema.json"),
  "utf8",
);

const template = {
  $schema: "./node_modules/convex/schemas/convex.schema.json",
  authKit: {
    dev: {
      configure: {
        redirectUris: ["http://localhost:5173/callback"],
        appHomepageUrl: "http://localhost:5173",
        corsOrigins: ["http://localhost:5173"],
      },
      localEnvVars: {
        VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
      },
    },
    prod: {
      environmentType: "production",
      configure: { redirectUris: ["https://${buildEnv.VERCEL_PROJECT_PRODUCTION_URL}/callback"] },
    },
  },
};

describe.each([
  ["the installed convex schema", INSTALLED],
  ["the documented fallback", undefined],
])("validateConvexJson with %s", (_name, schema) => {
  it("passes the template's authKit section", () => {
    expect(validateConvexJson(template, schema)).toEqual([]);
  });

  it("reports a type error as schema and an unknown key as unknown", () => {
    const issues = validateConvexJson(
      { authKit: { dev: { configure: { redirectUris: "http://localhost:5173/callback" }, localEnvVar: {} } } },
      schema,
    );
    expect(issues).toContainEqual({
      kind: "schema",
      path: "authKit.dev.configure.redirectUris",
      message: "must be array",
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: "unknown", path: "authKit.dev", property: "localEnvVar" }),
    );
  });

  it("accepts the legacy project, team and prodUrl keys the CLI's parser still takes, not a misspelt one", () => {
    for (const against of [schema, undefined]) {
      expect(validateConvexJson({ project: "my-app", team: "me", prodUrl: "https://x.convex.cloud" }, against)).toEqual(
        [],
      );
      expect(validateConvexJson({ projects: "my-app" }, against)).toContainEqual(
        expect.objectContaining({ kind: "unknown", path: "", property: "projects" }),
      );
    }
  });

  it("rejects localEnvVars outside dev", () => {
    expect(validateConvexJson({ authKit: { prod: { localEnvVars: { A: "b" } } } }, schema)).toContainEqual(
      expect.objectContaining({ kind: "schema", path: "authKit.prod.localEnvVars" }),
    );
  });
});
