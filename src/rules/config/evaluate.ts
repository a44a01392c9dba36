/**
 * The auth config as the config layer reads and evaluates it (src/config/auth-config.ts), once
 * per doctor run: statically (no env: checks on literals), and against each deployment's env
 * when known. Config rules pick the problems they own from here; nothing is evaluated twice.
 */
import {
  evaluateAuthConfig,
  readAuthConfig,
  type BuiltinEnv,
  type ConfigProblem,
  type EvaluatedAuthConfig,
  type RawAuthConfig,
} from "../../config/auth-config.ts";
import { deploymentUrls } from "../../config/deployment-urls.ts";
import type { DoctorContext } from "../context.ts";
import type { DeploymentTarget } from "../define.ts";

export interface AuthConfigChecks {
  raw: RawAuthConfig;
  /** Evaluated with no env: only literal values are checked. */
  static: EvaluatedAuthConfig;
  /** Evaluated against each deployment's env, when known. */
  targets: Partial<Record<DeploymentTarget, EvaluatedAuthConfig>>;
}

const cache = new WeakMap<DoctorContext, Promise<AuthConfigChecks | null>>();

function builtinsFor(doctor: DoctorContext, target: DeploymentTarget): BuiltinEnv {
  if (target !== "dev" || !doctor.facts.convex.deployment) return {};
  return deploymentUrls(doctor.facts.convex.deployment) ?? {};
}

/** Null when the project has no auth.config file. */
export function authConfigChecks(doctor: DoctorContext): Promise<AuthConfigChecks | null> {
  let cached = cache.get(doctor);
  if (!cached) {
    cached = (async () => {
      const raw = await readAuthConfig(doctor.files, doctor.convexDir);
      if (!raw.file) return null;
      const checks: AuthConfigChecks = {
        raw,
        static: evaluateAuthConfig(raw, {}, builtinsFor(doctor, "dev")),
        targets: {},
      };
      for (const target of ["dev", "prod"] as const) {
        const env = await doctor.env(target);
        if (env) checks.targets[target] = evaluateAuthConfig(raw, env.values, builtinsFor(doctor, target));
      }
      return checks;
    })();
    cache.set(doctor, cached);
  }
  return cached;
}

/** Where a problem points, as report fields. */
export function at(
  problem: ConfigProblem,
  fallbackFile: string | null,
): { file: string | null; line?: number; column?: number } {
  if (problem.location)
    return { file: problem.location.file, line: problem.location.line, column: problem.location.column };
  return { file: fallbackFile };
}

/** Problems a check without env finds that don't depend on env at all. */
export function envIndependent(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.filter(
    (problem) =>
      problem.code !== "AuthConfigMissingEnvironmentVariable" &&
      problem.code !== "AuthwireBuiltinUnknown" &&
      problem.code !== "AuthwireEnvWhitespace",
  );
}
