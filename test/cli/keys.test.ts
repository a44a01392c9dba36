/**
 * The built CLI (`dist/cli/main.js keys`) against the local stand-in deployment on 127.0.0.1
 * (test/helpers/convex-deployment-standin.ts), driven through the project's real convex CLI:
 * exit codes, the JSON shape, masking, --dry-run, --rotate and a broken pair.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkKeyPair } from "../../src/config/convex-auth-keys.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../helpers/convex-deployment-standin.ts";
import { tempDir } from "../helpers/project.ts";

const MAIN = join(import.meta.dirname, "../../dist/cli/main.js");

let temp: ReturnType<typeof tempDir>;
let standin: DeploymentStandin;
let app: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args, "--cwd", app], {
      env: { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "", ...standin.cliEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  temp = tempDir("authwire-keys-cli-");
  standin = await startDeploymentStandin();
  app = join(temp.dir, "app");
  mkdirSync(join(app, "convex"), { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", private: true, dependencies: { convex: "1.48.0", "@convex-dev/auth": "0.0.95" } }),
  );
  symlinkSync(join(import.meta.dirname, "../../node_modules"), join(app, "node_modules"));
});
afterAll(async () => {
  await standin.close();
  temp.cleanup();
});

describe("authwire keys (built CLI, stand-in deployment via the real convex CLI)", () => {
  it("stand-in: --dry-run sets nothing; then sets a valid pair (exit 0), JSON masked; a second run keeps it", async () => {
    const dry = await cli(["keys", "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      version: 1,
      target: "dev",
      status: "missing",
      action: "set",
      applied: false,
      verified: null,
    });
    expect(standin.vars.size).toBe(0);

    // Without a TTY and without --yes: the plan, exit 3 naming --yes, nothing set (issue 19).
    const unconsented = await cli(["keys"]);
    expect(unconsented.code).toBe(3);
    expect(unconsented.stdout).toContain("JWT_PRIVATE_KEY");
    expect(unconsented.stderr).toContain("--yes");
    const unconsentedJson = await cli(["keys", "--json"]);
    expect(unconsentedJson.code).toBe(3);
    expect(JSON.parse(unconsentedJson.stdout)).toMatchObject({ action: "set", applied: false });
    expect(JSON.parse(unconsentedJson.stderr)).toMatchObject({ error: { code: "consent_required" } });
    expect(standin.vars.size).toBe(0);

    const set = await cli(["keys", "--json", "--yes"]);
    expect(set.code, set.stderr).toBe(0);
    const json = JSON.parse(set.stdout) as { env: { name: string; status: string }[] };
    expect(json).toMatchObject({ action: "set", applied: true, verified: true });
    expect(json.env.map((c) => `${c.name} ${c.status}`)).toEqual(["JWT_PRIVATE_KEY set", "JWKS set"]);
    const key = standin.vars.get("JWT_PRIVATE_KEY")!;
    expect(checkKeyPair(Object.fromEntries(standin.vars)).status).toBe("valid");
    expect(set.stdout + set.stderr).not.toContain(key.slice(40, 100));

    const again = await cli(["keys"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("The keys are fine; nothing to change.");
    expect(standin.vars.get("JWT_PRIVATE_KEY")).toBe(key);
  }, 120_000);

  it("stand-in: a mismatched pair is reported (exit 1) and left alone; --rotate replaces it with the sign-out warning", async () => {
    const jwks = standin.vars.get("JWKS")!;
    standin.vars.set(
      "JWKS",
      jwks.replace(/"n":"(.)/, (_, c: string) => `"n":"${c === "A" ? "B" : "A"}`),
    );
    const broken = await cli(["keys"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("doesn't hold the public half of JWT_PRIVATE_KEY");
    expect(broken.stdout).toContain("authwire keys --rotate");

    const rotated = await cli(["keys", "--rotate", "--yes"]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain("signs everyone out");
    expect(rotated.stdout).toContain("read back: JWT_PRIVATE_KEY is PKCS#8 and JWKS holds its public half");
    expect(checkKeyPair(Object.fromEntries(standin.vars)).status).toBe("valid");
  }, 120_000);
});
