/** An in-memory deployment env for apply tests (the CLI-backed one is tested against a stand-in server). */
import type { DeploymentEnvIo } from "../../src/changes/apply.ts";

export function memoryDeployment(
  initial: { dev?: Record<string, string>; prod?: Record<string, string> } = {},
  { failSet }: { failSet?: string } = {},
): DeploymentEnvIo & { values: { dev: Record<string, string>; prod: Record<string, string> }; log: string[] } {
  const values = { dev: { ...initial.dev }, prod: { ...initial.prod } };
  const log: string[] = [];
  return {
    values,
    log,
    async list(target) {
      log.push(`list ${target}`);
      return { ...values[target] };
    },
    async set(target, name, value) {
      log.push(`set ${target} ${name}`);
      if (failSet === name) throw new Error(`the deployment refused ${name}`);
      values[target][name] = value;
    },
    async remove(target, name) {
      log.push(`remove ${target} ${name}`);
      delete values[target][name];
    },
  };
}
