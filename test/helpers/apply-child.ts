/**
 * Runs the demo apply in its own process, for tests that need a real process:
 *   vite-node apply-child.ts <root> run            → prints {"ok":true} or {"ok":false,"code","message"}
 *   vite-node apply-child.ts <root> pause <n>      → prints "paused" at the n-th write and waits to be killed
 * The deployment is in memory; the journal's owner is this process (its real pid).
 */
import { applyPlan } from "../../src/changes/apply.ts";
import { nodeFs } from "../../src/changes/fs.ts";
import { detectProject } from "../../src/project/detect.ts";
import { planRecipe } from "../../src/providers/define.ts";
import { DEMO_OPTIONS, demoRecipe } from "./demo-recipe.ts";
import { faultyFs } from "./faulty-fs.ts";
import { memoryDeployment } from "./memory-deployment.ts";

const [root, mode, n] = process.argv.slice(2);
const deployment = memoryDeployment();
const plan = await planRecipe(demoRecipe, await detectProject(root!), DEMO_OPTIONS, {
  git: false,
  readDeployment: (target) => deployment.list(target),
});
const fs =
  mode === "pause" ? faultyFs(nodeFs, { pauseAt: Number(n), onPause: () => process.stdout.write("paused\n") }) : nodeFs;
try {
  await applyPlan(plan, { io: { fs, deployment, install: async () => undefined } });
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  process.stdout.write(`${JSON.stringify({ ok: false, code, message })}\n`);
}
