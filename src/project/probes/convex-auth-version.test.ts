import { describe, expect, it } from "vitest";
import { memoryFiles } from "../files.ts";
import { detectConvexAuthVersion, majorOf } from "./convex-auth-version.ts";

const V2_CONFIG = `import { convexAuthProvider } from "@convex-dev/auth/server";
export default { providers: [convexAuthProvider()] };
`;

describe("majorOf", () => {
  it.each([
    ["0.0.95", 1],
    ["^0.0.95", 1],
    ["~0.0.80", 1],
    ["2.0.0", 2],
    ["^2.0.0", 2],
    ["2.0.0-alpha.0", 2],
    [">=2", 2],
    ["not a version", null],
  ])("%s → %s", (version, major) => {
    expect(majorOf(version)).toBe(major);
  });
});

describe("detectConvexAuthVersion", () => {
  it("is null when the project doesn't use Convex Auth", async () => {
    expect(await detectConvexAuthVersion(memoryFiles({}), { convex: "1.48.0" }, [])).toBeNull();
  });

  it("reads the declared range when nothing is installed or locked", async () => {
    const facts = await detectConvexAuthVersion(memoryFiles({}), { "@convex-dev/auth": "^2.0.0" }, []);
    expect(facts).toEqual({ major: 2, version: "^2.0.0", source: "package.json", declared: "^2.0.0", conflicts: [] });
  });

  it("prefers the installed version, then the lockfile, and lists the sources that disagree", async () => {
    const files = memoryFiles({
      "node_modules/@convex-dev/auth/package.json": JSON.stringify({ name: "@convex-dev/auth", version: "2.0.0" }),
      "package-lock.json": JSON.stringify({
        packages: { "node_modules/@convex-dev/auth": { version: "0.0.95", resolved: "x" } },
      }),
    });
    const facts = await detectConvexAuthVersion(files, { "@convex-dev/auth": "^0.0.95" }, []);
    expect(facts).toEqual({
      major: 2,
      version: "2.0.0",
      source: "node_modules",
      declared: "^0.0.95",
      conflicts: ["package-lock.json: 0.0.95 (v1)", "package.json: ^0.0.95 (v1)"],
    });
  });

  it.each([
    [
      "pnpm-lock.yaml",
      "importers:\n  .:\n    dependencies:\n      '@convex-dev/auth':\n        specifier: ^2\n        version: 2.0.0(convex@1.48.0)\n",
    ],
    ["yarn.lock", '"@convex-dev/auth@^2":\n  version "2.0.0"\n  resolved "x"\n'],
    ["bun.lock", '{ "packages": { "@convex-dev/auth": ["@convex-dev/auth@2.0.0", "", {}, "sha"] } }'],
  ])("reads the version %s locks", async (name, text) => {
    const facts = await detectConvexAuthVersion(memoryFiles({ [name]: text }), { "@convex-dev/auth": "latest" }, []);
    expect(facts).toMatchObject({ major: 2, version: "2.0.0", source: name });
  });

  it("falls back to the code when the package is not a dependency", async () => {
    const files = memoryFiles({ "convex/auth.config.ts": V2_CONFIG });
    expect(await detectConvexAuthVersion(files, {}, ["convex/auth.config.ts"])).toMatchObject({
      major: 2,
      source: "convex/auth.config.ts",
    });
    const v1 = memoryFiles({
      "convex/auth.ts":
        'import { convexAuth } from "@convex-dev/auth/server";\nexport const { auth } = convexAuth({ providers: [] });\n',
    });
    expect(await detectConvexAuthVersion(v1, {}, ["convex/auth.ts"])).toMatchObject({ major: 1 });
  });
});
