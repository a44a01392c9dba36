/** `authwire keys` on a Convex Auth v2 app (built CLI): says the deployment manages the keys, exit 0, writes nothing. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { viteConvexAuthV2 } from "../helpers/convex-auth-v2-app.ts";
import { snapshot, tempDir, writeFiles } from "../helpers/project.ts";

const MAIN = join(import.meta.dirname, "../../dist/cli/main.js");
const temp = tempDir("authwire-keys-v2-");
afterAll(() => temp.cleanup());

function cli(app: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args, "--cwd", app], {
      env: { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "" },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

it("keys on v2: the deployment manages the keys; exit 0 and nothing changes (also with --rotate, --json)", async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
  const app = join(temp.dir, "app");
  writeFiles(app, viteConvexAuthV2().files);
  const before = snapshot(app);
  const human = await cli(app, ["keys", "--rotate"]);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain("the deployment manages its signing keys");
  const json = await cli(app, ["keys", "--json"]);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ convexAuth: 2, action: "none", managedBy: "deployment" });
  expect(snapshot(app)).toEqual(before);
});
