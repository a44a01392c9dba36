/**
 * Where a deployment's env vars come from: a dotenv dump (`npx convex env list --include-values >
 * FILE`, passed as `--dev-env` / `--prod-env`), the live deployment (the deployment layer plugs in
 * through the same interface), or nowhere (`--offline`). Values are held in memory only and never
 * printed unmasked.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parseDotenv, type EnvValues } from "./dotenv.ts";

export type DeploymentTarget = "dev" | "prod";

export interface EnvSnapshot {
  target: DeploymentTarget;
  values: EnvValues;
  /** Where the values came from, for humans: `--dev-env .env.convex-dev`, `deployment dev:happy-animal-123`. */
  source: string;
}

export type EnvRead = { ok: true; snapshot: EnvSnapshot } | { ok: false; reason: string };

export interface EnvSource {
  read(target: DeploymentTarget): Promise<EnvRead>;
}

/** No deployment env at all (`--offline` without files): every read says why. */
export function noEnvSource(reason: string | ((target: DeploymentTarget) => string)): EnvSource {
  return { read: async (target) => ({ ok: false, reason: typeof reason === "string" ? reason : reason(target) }) };
}

/** Values given directly (tests, the MCP server). */
export function staticEnvSource(
  values: Partial<Record<DeploymentTarget, EnvValues>>,
  label = "given values",
): EnvSource {
  return {
    async read(target) {
      const found = values[target];
      if (!found) return { ok: false, reason: `no ${target} deployment env given` };
      return { ok: true, snapshot: { target, values: { ...found }, source: label } };
    },
  };
}

/**
 * Dotenv dumps per target. A missing or unreadable file is a usage problem the caller reports;
 * here it reads as unavailable with the reason.
 */
export function fileEnvSource(
  paths: Partial<Record<DeploymentTarget, string>>,
  options: { cwd: string; fallback?: EnvSource } = { cwd: process.cwd() },
): EnvSource {
  return {
    async read(target) {
      const path = paths[target];
      if (!path) {
        return options.fallback
          ? options.fallback.read(target)
          : { ok: false, reason: `no --${target}-env file given` };
      }
      const full = isAbsolute(path) ? path : resolve(options.cwd, path);
      let text: string;
      try {
        text = await readFile(full, "utf8");
      } catch (error) {
        return {
          ok: false,
          reason: `--${target}-env ${path} can't be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        };
      }
      return { ok: true, snapshot: { target, values: parseDotenv(text), source: `--${target}-env ${path}` } };
    },
  };
}
