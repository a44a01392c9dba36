/**
 * AW512: Convex Auth v2 mints its tokens with `ctx.auth.signJwt`, which convex 1.48.0 added
 * (Convex Auth 2.x peer range `convex ^1.48.0`). An older convex can't run it.
 */
import semver from "semver";
import { runningVersion } from "../../project/lockfiles.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW512",
    name: "convex-auth-v2-convex-version",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "convex is older than 1.48, which Convex Auth v2 needs.",
    docs: "docs/rules/convex-auth-v2-convex-version.md",
    messages: {
      old: "convex {{version}} ({{source}}) is older than 1.48.0: Convex Auth v2 signs its tokens with ctx.auth.signJwt, which 1.48.0 added.",
    },
    fixes: { old: "Install convex 1.48 or newer (npm install convex@1.48.0 keeps the CLI running on Node 20)." },
  },
  async check({ doctor, report }) {
    if (doctor.facts.convexAuth?.major !== 2) return;
    // Installed (the app's node_modules or a hoisted one), else locked, else the range's minimum.
    const running = await runningVersion((path) => doctor.read(path), "convex", doctor.facts.workspaceRoot);
    let version = running?.version ?? null;
    const source = running?.source ?? "package.json";
    const declared = doctor.facts.dependencies.convex;
    if (!version && declared)
      version = semver.validRange(declared) ? (semver.minVersion(declared)?.version ?? null) : null;
    if (!version || !semver.valid(version) || semver.gte(version, "1.48.0")) return;
    const line = (await doctor.read("package.json"))?.split("\n").findIndex((text) => /"convex"\s*:/.test(text));
    report({
      messageId: "old",
      data: { version: source === "package.json" ? (declared ?? version) : version, source },
      file: "package.json",
      line: line !== undefined && line >= 0 ? line + 1 : undefined,
    });
  },
});
