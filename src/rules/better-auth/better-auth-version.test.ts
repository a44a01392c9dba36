import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-version.ts";

const app = viteBetterAuth();
const pkg = (deps: Record<string, string>) =>
  JSON.stringify({ name: "app", dependencies: { convex: "^1.48.0", react: "^19.3.1", ...deps } }, null, 2);
const nodeModule = (version: string, peer?: string) =>
  JSON.stringify({ name: "x", version, ...(peer ? { peerDependencies: { "better-auth": peer } } : {}) });
const lock = (component: string, library: string) =>
  JSON.stringify({
    packages: {
      "node_modules/@convex-dev/better-auth": { version: component },
      "node_modules/better-auth": { version: library },
    },
  });

ruleTester(rule, {
  valid: [
    { name: "what add pins: component 0.12.5, better-auth 1.6.34", files: app.files, env: app.env },
    {
      name: "near miss: a caret range pinned by the lockfile to a supported release",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "^0.12.5", "better-auth": "^1.6.15" }),
        "package-lock.json": lock("0.12.5", "1.6.34"),
      }),
    },
    {
      name: "an older component on its own line (0.11.x wants better-auth 1.5.x)",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "0.11.4", "better-auth": "1.5.6" }),
      }),
    },
    {
      name: "near miss: an exact peer a patch away on the same line (0.10.6 pins 1.4.7), installed with bun",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "0.10.6", "better-auth": "1.4.9" }),
        "bun.lock": "{}\n",
      }),
    },
    {
      name: "near miss: the same with npm told to accept it (.npmrc legacy-peer-deps=true)",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "0.10.6", "better-auth": "1.4.9" }),
        ".npmrc": "legacy-peer-deps=true\n",
      }),
    },
    {
      name: "near miss: an override of the component's peer in package.json",
      files: withFiles(app, {
        "package.json": JSON.stringify({
          name: "app",
          dependencies: { convex: "^1.48.0", "@convex-dev/better-auth": "0.10.6", "better-auth": "1.4.9" },
          overrides: { "@convex-dev/better-auth": { "better-auth": "$better-auth" } },
        }),
      }),
    },
  ],
  invalid: [
    {
      name: "an exact peer a patch away on the same line, with npm (its peer check refuses the install): a warning",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "0.10.6", "better-auth": "1.4.9" }),
      }),
      errors: [
        { messageId: "sameLine", severity: "warning", file: "package.json", message: "pins 1.4.7: the same line" },
      ],
    },
    {
      name: "package.json asks for better-auth 1.7",
      files: withFiles(app, { "package.json": pkg({ "@convex-dev/better-auth": "0.12.5", "better-auth": "^1.7.29" }) }),
      errors: [{ messageId: "declared", file: "package.json", line: 7, message: ">=1.6.11 <1.7.0" }],
    },
    {
      name: "node_modules holds 1.7.2 under a range that allows it",
      files: withFiles(app, {
        "package.json": pkg({ "@convex-dev/better-auth": "^0.12.0", "better-auth": ">=1.6.0" }),
        "node_modules/@convex-dev/better-auth/package.json": nodeModule("0.12.5", ">=1.6.11 <1.7.0"),
        "node_modules/better-auth/package.json": nodeModule("1.7.2"),
      }),
      errors: [{ messageId: "installed", file: "package.json", message: "1.7.2 is installed (node_modules)" }],
    },
    {
      name: "a bare caret range and no lockfile: a fresh install picks 1.7",
      files: withFiles(app, { "package.json": pkg({ "@convex-dev/better-auth": "0.12.5", "better-auth": "^1.6.34" }) }),
      errors: [{ messageId: "allows", severity: "warning", file: "package.json" }],
    },
  ],
});
