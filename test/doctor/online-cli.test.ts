/** `authwire doctor --online` through the built bin, against a local issuer on 127.0.0.1. */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { good, issuer, otherIssuer } from "../helpers/online-issuer.ts";
import { copyFixture, tempDir } from "../helpers/project.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** Async: the local issuer answers from this process while the CLI runs. */
async function authwire(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [join(ROOT, "dist/cli/main.js"), ...args], {
      env: { ...process.env, CONVEX_DEPLOYMENT: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

let temp: ReturnType<typeof tempDir>;
let root: string;
beforeAll(() => {
  temp = tempDir("authwire-online-");
  root = copyFixture("apps/vite-clerk-done", temp.dir);
});
afterAll(() => temp.cleanup());

describe("authwire doctor --online (local issuer on 127.0.0.1)", () => {
  it("local issuer: a discovery document naming another issuer is AW114 (exit 1); the checklist step fails", async () => {
    writeFileSync(join(root, "dev.env"), `CLERK_JWT_ISSUER_DOMAIN=${otherIssuer}\n`);
    const { code, stdout, stderr } = await authwire([
      "doctor",
      "--online",
      "--json",
      "--dev-env",
      "dev.env",
      "--only",
      "AW113,AW114,AW115,AW211",
      "--cwd",
      root,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.findings.map((finding: { code: string }) => finding.code)).toEqual(["AW114"]);
    expect(json.checklist.items.find((item: { id: string }) => item.id === "issuer")).toMatchObject({ status: "fail" });
    expect(issuer.requests).toContain("/other/.well-known/openid-configuration");
  });

  it("local issuer: a working issuer passes the step; without --online it is not checked (?)", async () => {
    writeFileSync(join(root, "dev.env"), `CLERK_JWT_ISSUER_DOMAIN=${good}\n`);
    const online = JSON.parse(
      (
        await authwire([
          "doctor",
          "--online",
          "--json",
          "--dev-env",
          "dev.env",
          "--only",
          "AW113,AW114,AW115,AW211",
          "--cwd",
          root,
        ])
      ).stdout,
    );
    expect(online.findings).toEqual([]);
    expect(online.checklist.items.find((item: { id: string }) => item.id === "issuer")).toMatchObject({
      status: "pass",
    });
    const offline = JSON.parse(
      (await authwire(["doctor", "--offline", "--json", "--dev-env", "dev.env", "--cwd", root])).stdout,
    );
    expect(offline.checklist.items.find((item: { id: string }) => item.id === "issuer")).toMatchObject({
      status: "unknown",
      detail: expect.stringContaining("--online"),
    });
  });
});
