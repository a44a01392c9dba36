/** `authwire/deployment`: the deployment's env through the real convex CLI (secrets on stdin). */
export {
  deploymentReader,
  getDeploymentEnv,
  listDeploymentEnv,
  readDeploymentEnv,
  removeDeploymentEnv,
  setDeploymentEnv,
} from "./env.ts";
export type { DeploymentEnvReading, ReadDeploymentEnvOptions } from "./env.ts";
export type { ConvexCliOptions } from "./convex-cli.ts";
export { liveEnvSource } from "./live-env-source.ts";
export type { LiveEnvSourceOptions } from "./live-env-source.ts";
export { selectDeployment, targetReadable } from "./selection.ts";
export type { DeploymentSelection } from "./selection.ts";
