import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-core-version.ts";

const app = viteConvexAuth();
const setCore = (range: string) =>
  withFiles(app, {
    "package.json": app.files["package.json"]!.replace('"@auth/core": "0.41.1"', `"@auth/core": "${range}"`),
  });
const setDeps = (plugin: string, core: string, lockfiles: Record<string, string> = {}) =>
  withFiles(app, {
    "package.json": app.files["package.json"]!.replace(
      '"@convex-dev/auth": "^0.0.95"',
      `"@convex-dev/auth": "${plugin}"`,
    ).replace('"@auth/core": "0.41.1"', `"@auth/core": "${core}"`),
    ...lockfiles,
  });
const PACKAGE_LOCK_0090 = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    "node_modules/@convex-dev/auth": { version: "0.0.90", peerDependencies: { "@auth/core": "^0.37.0" } },
    "node_modules/@auth/core": { version: "0.37.4" },
  },
});
const PNPM_LOCK_0080 = `lockfileVersion: '9.0'

packages:

  '@auth/core@0.38.0':
    resolution: {integrity: sha512-x}

  '@convex-dev/auth@0.0.80':
    resolution: {integrity: sha512-y}
    peerDependencies:
      '@auth/core': ^0.37.0
      convex: ^1.17.0
`;
ruleTester(rule, {
  valid: [
    { name: "0.41.1 pinned", files: app.files },
    { name: "near miss: ^0.41.3 still intersects", files: setCore("^0.41.3") },
    {
      name: "package-lock.json: 0.0.90 peers @auth/core ^0.37.0, and ^0.37.0 is asked for",
      files: setDeps("^0.0.90", "^0.37.0", { "package-lock.json": PACKAGE_LOCK_0090 }),
    },
    {
      name: "no lockfile: ^0.0.90 allows only 0.0.90, whose peer range is ^0.37.0",
      files: setDeps("^0.0.90", "^0.37.0"),
    },
    { name: "no lockfile: 0.0.61 names no @auth/core range", files: setDeps("^0.0.61", "^0.34.2") },
  ],
  invalid: [
    {
      name: "pnpm-lock.yaml: 0.0.80 peers ^0.37.0, and 0.38.0 is asked for",
      files: setDeps("^0.0.80", "0.38.0", { "pnpm-lock.yaml": PNPM_LOCK_0080 }),
      errors: [{ messageId: "declared", message: "@convex-dev/auth 0.0.80 (pnpm-lock.yaml) supports ^0.37.0" }],
    },
    {
      name: "package-lock.json: the locked @auth/core is outside the locked release's range",
      files: setDeps("^0.0.90", "*", {
        "package-lock.json": PACKAGE_LOCK_0090.replace('"version":"0.37.4"', '"version":"0.41.1"'),
      }),
      errors: [{ messageId: "installed", message: "0.41.1 is installed (package-lock.json)" }],
    },
    {
      name: "a release authwire doesn't know, nothing installed: unknown, said as info",
      files: setDeps("^0.0.96", "^0.41.1"),
      errors: [{ messageId: "unknown", severity: "info" }],
    },
    {
      name: "stale 0.37.0 from an old guide",
      files: setCore("0.37.0"),
      errors: [{ messageId: "declared", file: "package.json", message: "^0.41.1" }],
    },
    {
      name: "installed version outside the peer range",
      files: withFiles(app, {
        "package.json": app.files["package.json"]!.replace('"@auth/core": "0.41.1", ', ""),
        "node_modules/@auth/core/package.json": '{"name":"@auth/core","version":"0.40.0"}',
        "node_modules/@convex-dev/auth/package.json":
          '{"name":"@convex-dev/auth","peerDependencies":{"@auth/core":"^0.41.1"}}',
      }),
      errors: [{ messageId: "installed", message: "0.40.0" }],
    },
  ],
});
