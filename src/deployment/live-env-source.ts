/**
 * The live deployment's env as an `EnvSource` (src/config/env-source.ts), for doctor and verify:
 * `readDeploymentEnv` through the project's own `convex` CLI, one target at a time, read at most
 * once each. A target the CLI can't faithfully read (no deployment configured, a deploy key for
 * the other deployment, a self-hosted deployment's missing "prod") reads as unknown with the
 * reason, and so does a failed read (unreachable, refused credentials): doctor then marks the
 * env-dependent checks "?" instead of failing. Values are returned, never printed.
 */
import type { DeploymentTarget, EnvRead, EnvSource } from "../config/env-source.ts";
import { HumanStepRequired, isAuthwireError } from "../errors.ts";
import type { ConvexCliOptions } from "./convex-cli.ts";
import { readDeploymentEnv } from "./env.ts";
import { selectDeployment, targetReadable, type DeploymentSelection } from "./selection.ts";

export interface LiveEnvSourceOptions extends Omit<ConvexCliOptions, "root"> {
  /** The project root (where .env.local names the deployment). */
  root: string;
}

function failureReason(target: DeploymentTarget, error: unknown): string {
  const what = `the ${target} deployment's env could not be read`;
  if (error instanceof HumanStepRequired) {
    const step = error.steps[0];
    return `${what}: ${error.message.replace(/\.$/, "")}${step ? ` (${step.title})` : ""}`;
  }
  if (isAuthwireError(error))
    return `${what} (${error.code}): ${error.message.replace(/\.$/, "")}${error.hint ? `. ${error.hint}` : ""}`;
  return `${what}: ${error instanceof Error ? error.message : String(error)}`;
}

export function liveEnvSource(options: LiveEnvSourceOptions): EnvSource {
  let selection: Promise<DeploymentSelection> | undefined;
  const reads = new Map<DeploymentTarget, Promise<EnvRead>>();
  const read = async (target: DeploymentTarget): Promise<EnvRead> => {
    selection ??= selectDeployment(options.root, { ...process.env, ...options.env });
    const readable = targetReadable(await selection, target);
    if (!readable.ok) return { ok: false, reason: readable.reason };
    try {
      const reading = await readDeploymentEnv({ ...options, target });
      if (reading.source === "none") return { ok: false, reason: reading.reason };
      return {
        ok: true,
        snapshot: { target, values: reading.values, source: `${readable.label}, live through the convex CLI` },
      };
    } catch (error) {
      return { ok: false, reason: failureReason(target, error) };
    }
  };
  return {
    read(target) {
      let cached = reads.get(target);
      if (!cached) {
        cached = read(target);
        reads.set(target, cached);
      }
      return cached;
    },
  };
}
