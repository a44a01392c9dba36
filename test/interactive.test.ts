/**
 * authwire at a real terminal (a pseudo-terminal from util-linux `script`): `add`'s prompts for a
 * missing value (a secret typed masked), the plan preview and its confirmation, a cancel that
 * leaves the app as it was; `doctor --fix`'s confirmation, declined and accepted.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { snapshot } from "./helpers/project.ts";
import { clerkPublishableKey } from "./helpers/projects.ts";
import { runInTerminal } from "./helpers/terminal.ts";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "dist/cli/main.js");
const API_KEY = "sk_test_typedAtTheTerminal0123456789abcdef";
const NO_DEPLOYMENT = { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "" };

const temp = mkdtempSync(join(tmpdir(), "authwire-terminal-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const copy = (app: string, name: string) => {
  const dir = join(temp, name);
  cpSync(join(ROOT, "test/fixtures/apps", app), dir, { recursive: true });
  return dir;
};

describe("authwire add at a terminal (pseudo-terminal via script)", () => {
  it("asks for the missing API key masked, previews the plan, applies on yes", async () => {
    expect(existsSync(BIN), "run `npm run build` first (npm test does)").toBe(true);
    const app = copy("vite-port-3001", "workos");
    const run = await runInTerminal(
      [
        process.execPath,
        BIN,
        "add",
        "workos",
        "--workos-team",
        "existing",
        "--workos-client-id",
        "client_01JTESTDEVCLIENT0000000000",
        "--no-install",
        "--cwd",
        app,
      ],
      {
        env: NO_DEPLOYMENT,
        answers: [
          [/WorkOS staging environment/, `${API_KEY}\r`],
          // Down once: "Show the diff first"; then Enter on the default "Yes, apply".
          [/Apply these changes\?/, "\x1b[B\r"],
          [/\+\+\+ b\/src\/main\.tsx[\s\S]*Apply these changes\?/, "\r"],
        ],
      },
    );
    expect(run.code, run.screen).toBe(3); // applied; the WorkOS dashboard steps remain
    expect(run.raw).not.toContain(API_KEY);
    expect(run.screen).toMatch(
      /authwire add workos[\s\S]*MODIFY\s+src\/main\.tsx[\s\S]*Apply these changes\?[\s\S]*created convex\/auth\.config\.ts/,
    );
    expect(run.screen).toMatch(/WORKOS_API_KEY.*\(dev deployment\) not set/);
    // The diff came on request only, once; the question was asked as a question.
    expect(run.screen.match(/\+\+\+ b\/src\/main\.tsx/g)).toHaveLength(1);
    expect(run.screen).toMatch(/What is [^\n]*\?/);
    expect(readFileSync(join(app, "src/main.tsx"), "utf8")).toContain(
      "<ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>",
    );
    expect(readFileSync(join(app, ".env.local"), "utf8")).toContain(
      "VITE_WORKOS_REDIRECT_URI=http://localhost:3001/callback",
    );
  });

  it("Ctrl-C at the confirmation changes nothing", async () => {
    const app = copy("next-app-baseline", "clerk");
    const before = snapshot(app);
    const run = await runInTerminal(
      [
        process.execPath,
        BIN,
        "add",
        "clerk",
        "--clerk-publishable-key",
        clerkPublishableKey("happy-otter-1.clerk.accounts.dev"),
        "--no-install",
        "--cwd",
        app,
      ],
      { env: { ...NO_DEPLOYMENT, CLERK_SECRET_KEY: "" }, answers: [[/Clerk Secret Key|secret key/i, "\x03"]] },
    );
    // One message, and exit 130 (documented: cancelled), as shells report an interrupt.
    expect(run.screen.match(/Cancelled; nothing was changed\./g)).toHaveLength(1);
    expect(run.screen).not.toContain("✘");
    expect(run.code).toBe(130);
    expect(snapshot(app)).toEqual(before);
  });

  it("doctor --fix: the fixes are previewed; No keeps the files, Yes applies them and doctor runs again", async () => {
    const app = copy("vite-clerk-done", "fix");
    const config = join(app, "convex/auth.config.ts");
    writeFileSync(config, readFileSync(config, "utf8").replace("applicationID", "applicationId"));
    const before = snapshot(app);
    const argv = [process.execPath, BIN, "doctor", "--fix", "--offline", "--cwd", app];

    const declined = await runInTerminal(argv, { env: NO_DEPLOYMENT, answers: [[/Apply these fixes\?/, "n\r"]] });
    expect(declined.screen).toMatch(/AW103[\s\S]*-\s+applicationId[\s\S]*\+\s+applicationID[\s\S]*Apply these fixes\?/);
    expect(declined.code).toBe(1); // the error is still there
    expect(snapshot(app)).toEqual(before);

    const accepted = await runInTerminal(argv, { env: NO_DEPLOYMENT, answers: [[/Apply these fixes\?/, "y"]] });
    expect(accepted.code, accepted.screen).toBe(0);
    expect(accepted.screen).toContain("modified convex/auth.config.ts");
    expect(readFileSync(config, "utf8")).toContain('applicationID: "convex"');
  });
});
