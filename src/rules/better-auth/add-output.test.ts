/**
 * The AW7xx rules on exactly what `add better-auth` plans for Vite and Next (planned contents as a
 * virtual project): silent on the result, and they do read it (one thing broken there is reported).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { planOn } from "../../../test/helpers/add-recipe.ts";
import { APPS } from "../../../test/helpers/edits.ts";
import { staticEnvSource } from "../../config/env-source.ts";
import { memoryFiles } from "../../project/files.ts";
import { runDoctor } from "../run.ts";
import { RULES } from "../index.ts";

const BETTER_AUTH_RULES = RULES.filter((rule) => rule.meta.category === "better-auth");

function fixtureFiles(app: string): Record<string, string> {
  const root = join(APPS, app);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return files;
}

async function addOutput(app: string): Promise<{ files: Record<string, string>; env: Record<string, string> }> {
  const added = await planOn(app, "better-auth", {}, { env: { CONVEX_DEPLOYMENT: "dev:happy-animal-123" } });
  const files = fixtureFiles(app);
  for (const item of added.plan.items) if (item.action !== "skip") files[item.path] = item.after;
  const pkg = JSON.parse(files["package.json"]!) as { dependencies: Record<string, string> };
  for (const install of added.plan.install) pkg.dependencies[install.name] = install.version;
  files["package.json"] = JSON.stringify(pkg, null, 2);
  const env: Record<string, string> = {};
  for (const change of added.plan.env)
    if (change.target === "dev" && change.value) env[change.name] = change.value.reveal();
  return { files, env };
}

const run = (files: Record<string, string>, dev: Record<string, string>) =>
  runDoctor({
    cwd: "/virtual",
    files: memoryFiles(files, "/virtual"),
    envSource: staticEnvSource({ dev }, "test env"),
    rules: BETTER_AUTH_RULES,
  });

describe("AW7xx on what add better-auth writes", () => {
  for (const [app, port] of [
    ["vite-baseline", 5173],
    ["next-app-baseline", 3000],
  ] as const) {
    it(`${app}: no findings; a wrong SITE_URL port or a removed convex() plugin is reported`, async () => {
      expect(BETTER_AUTH_RULES.length).toBe(8);
      const { files, env } = await addOutput(app);
      expect(env.SITE_URL).toBe(`http://localhost:${port}`);
      const clean = await run(files, env);
      expect(clean.findings.map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
      const wrongPort = await run(files, { ...env, SITE_URL: "http://localhost:4000" });
      expect(wrongPort.findings.map((f) => f.code)).toEqual(["AW703"]);
      const noPlugin = await run(
        { ...files, "convex/auth.ts": files["convex/auth.ts"]!.replace("convex({ authConfig })", "") },
        env,
      );
      expect(noPlugin.findings.map((f) => f.code)).toEqual(["AW705"]);
      const noSecret = await run(files, { SITE_URL: env.SITE_URL! });
      expect(noSecret.findings.map((f) => f.code)).toEqual(["AW702"]);
    });
  }
});
