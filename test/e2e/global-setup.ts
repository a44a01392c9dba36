import { ensureWorkspace } from "./workspace.ts";

/** Installs the SDK workspaces once, before any e2e test file runs. */
export default async function setup(): Promise<void> {
  await ensureWorkspace("sdk");
  await ensureWorkspace("next15");
}
