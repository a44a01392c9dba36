/**
 * Which deployment the project's `convex` CLI would act on, decided the way the CLI decides it
 * (convex@1.48 `getDeploymentSelection`): `CONVEX_DEPLOY_KEY` first, then `CONVEX_SELF_HOSTED_URL`
 * with its admin key, then `CONVEX_DEPLOYMENT`; each read from the process env, then `.env.local`,
 * then `.env`. Only the non-secret parts are kept (a deploy key's type and name, never the key).
 *
 * This matters because `--prod` doesn't always mean production: with a deployment deploy key the
 * CLI ignores it and acts on the key's deployment, and a self-hosted deployment refuses it. So
 * `targetReadable` says, per target, whether `env list [--prod]` really reads that target.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDotenv } from "../config/dotenv.ts";
import type { DeploymentTarget } from "../config/env-source.ts";

export type DeploymentSelection =
  /** A deploy key: a deployment's own key (`prod:name|…`, `dev:name|…`), a preview key or a project key. */
  | { kind: "deploy-key"; keyType: "prod" | "dev" | "preview" | "project"; name: string | null }
  | { kind: "self-hosted"; url: string }
  /** `CONVEX_DEPLOYMENT`, e.g. `dev:happy-otter-123` (what `npx convex dev` writes to .env.local). */
  | { kind: "cloud"; deployment: string }
  | { kind: "none" };

type SelectionName =
  "CONVEX_DEPLOY_KEY" | "CONVEX_SELF_HOSTED_URL" | "CONVEX_SELF_HOSTED_ADMIN_KEY" | "CONVEX_DEPLOYMENT";

async function readDotenvFile(path: string): Promise<Record<string, string>> {
  try {
    return parseDotenv(await readFile(path, "utf8"));
  } catch {
    return {};
  }
}

function deployKeySelection(key: string): DeploymentSelection {
  const prefix = key.split("|")[0]!;
  const parts = prefix.split(":");
  if (key.includes("|") && parts[0] === "preview" && parts.length === 3)
    return { kind: "deploy-key", keyType: "preview", name: null };
  if (/^project:.*\|/.test(key)) return { kind: "deploy-key", keyType: "project", name: null };
  // A deployment key: its type is the part before the first colon; a key without one is production.
  const type = key.split(":").length === 1 ? "prod" : parts[0];
  const name = parts.length >= 2 && key.includes("|") ? parts[1]! : null;
  return { kind: "deploy-key", keyType: type === "dev" ? "dev" : type === "prod" ? "prod" : "preview", name };
}

/** The deployment the CLI would pick in `root` with `env` on top of the process env. */
export async function selectDeployment(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeploymentSelection> {
  const [local, dotenv] = await Promise.all([
    readDotenvFile(join(root, ".env.local")),
    readDotenvFile(join(root, ".env")),
  ]);
  // dotenv never overrides a variable the process env has, even an empty one: the first source
  // that has the name decides (process env, then .env.local, then .env), and "" counts as unset.
  const get = (name: SelectionName): string | null => {
    const source = [env, local, dotenv].find((values) => Object.hasOwn(values, name) && values[name] !== undefined);
    const value = source?.[name];
    return value === undefined || value === "" ? null : value;
  };
  const deployKey = get("CONVEX_DEPLOY_KEY");
  if (deployKey) return deployKeySelection(deployKey);
  const url = get("CONVEX_SELF_HOSTED_URL");
  if (url && get("CONVEX_SELF_HOSTED_ADMIN_KEY")) return { kind: "self-hosted", url };
  const deployment = get("CONVEX_DEPLOYMENT");
  if (deployment) return { kind: "cloud", deployment };
  return { kind: "none" };
}

/** Whether `env list` (dev) / `env list --prod` (prod) reads that target; otherwise why not. */
export function targetReadable(
  selection: DeploymentSelection,
  target: DeploymentTarget,
): { ok: true; label: string } | { ok: false; reason: string } {
  const other = target === "dev" ? "prod" : "dev";
  const file = `--${target}-env FILE`;
  switch (selection.kind) {
    case "none":
      return {
        ok: false,
        reason: `no Convex deployment is configured (no CONVEX_DEPLOYMENT in .env.local): run \`npx convex dev\` once, or pass ${file}`,
      };
    case "self-hosted":
      return target === "dev"
        ? { ok: true, label: `self-hosted deployment ${selection.url}` }
        : {
            ok: false,
            reason: `the self-hosted deployment (CONVEX_SELF_HOSTED_URL) is the only one the convex CLI can reach here; pass ${file}`,
          };
    case "deploy-key":
      if (selection.keyType === "project")
        return { ok: true, label: `the project's ${target} deployment (CONVEX_DEPLOY_KEY)` };
      if (selection.keyType === "preview") {
        return { ok: false, reason: `CONVEX_DEPLOY_KEY selects a preview deployment, not ${target}; pass ${file}` };
      }
      return selection.keyType === target
        ? { ok: true, label: `deployment ${target}${selection.name ? `:${selection.name}` : ""} (CONVEX_DEPLOY_KEY)` }
        : {
            ok: false,
            reason: `CONVEX_DEPLOY_KEY selects the ${other} deployment, so the convex CLI can't read ${target}; pass ${file}`,
          };
    case "cloud": {
      // CONVEX_DEPLOYMENT=prod:… makes plain `env list` read production (AW212): it isn't dev.
      if (target === "dev" && selection.deployment.startsWith("prod:")) {
        return {
          ok: false,
          reason: `CONVEX_DEPLOYMENT (${selection.deployment}) points at production, not a dev deployment; pass ${file}`,
        };
      }
      return {
        ok: true,
        label:
          target === "dev"
            ? `deployment ${selection.deployment}`
            : `the production deployment of ${selection.deployment}`,
      };
    }
  }
}
