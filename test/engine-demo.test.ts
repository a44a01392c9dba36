/**
 * The change engine end to end on a real temp copy of a tiny Vite app, driven by an internal demo
 * recipe (test/helpers/demo-recipe.ts): detect → plan (deployment env read live through the real
 * convex CLI from a local stand-in deployment on 127.0.0.1) → preview (what --dry-run prints;
 * nothing written) → apply → `git diff` shows only the intended lines → plan again: only skips.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createColors } from "picocolors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan, isNoop, toPlanJson, type Plan } from "../src/changes/index.ts";
import { renderApplied, renderPlan } from "../src/cli/render/plan.ts";
import { deploymentReader } from "../src/deployment/env.ts";
import { detectProject } from "../src/project/detect.ts";
import { planRecipe } from "../src/providers/define.ts";
import { startDeploymentStandin, type DeploymentStandin } from "./helpers/convex-deployment-standin.ts";
import { DEMO_OPTIONS, demoRecipe } from "./helpers/demo-recipe.ts";
import { FIXTURES, copyFixture, snapshot, tempDir } from "./helpers/project.ts";

const FIXTURE = join(FIXTURES, "engine/vite-mini");

const plain = createColors(false);
let temp: ReturnType<typeof tempDir>;
let standin: DeploymentStandin;
let root: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });

beforeAll(async () => {
  temp = tempDir("authwire-demo-");
  standin = await startDeploymentStandin();
  root = copyFixture("engine/vite-mini", temp.dir);
  // A self-hosted deployment (the stand-in) instead of a cloud one, and the real convex CLI.
  writeFileSync(
    join(root, ".env.local"),
    readFileSync(join(root, ".env.local"), "utf8").replace(
      /^CONVEX_DEPLOYMENT=.*$/m,
      `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}`,
    ),
  );
  symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(root, "node_modules"));
  git("init", "-q");
  // Like a real app: .env.local is not committed.
  git("add", ".", ":!.env.local");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "baseline");
});
afterAll(async () => {
  await standin.close();
  temp.cleanup();
});

const cli = { env: { CI: "1" }, timeoutMs: 30_000 };
async function plan(): Promise<Plan> {
  const facts = await detectProject(root);
  return planRecipe(demoRecipe, facts, DEMO_OPTIONS, { readDeployment: deploymentReader({ root, ...cli }) });
}

describe("engine demo on a Vite app (stand-in deployment via the real convex CLI)", () => {
  let first: Plan;

  it("plans without writing anything, and previews CREATE / MODIFY, masked env, steps and a diff", async () => {
    const before = snapshot(root);
    first = await plan();
    const preview = renderPlan(first, plain, { title: "authwire add demo-clerk --dry-run" });
    expect(snapshot(root)).toEqual(before);
    expect(git("status", "--porcelain")).toBe("?? .env.local\n");

    expect(preview).toContain("authwire add demo-clerk --dry-run — 2 to create, 3 to modify");
    expect(preview).toMatch(
      /MODIFY {2}src\/main\.tsx +import ClerkProvider, useAuth from @clerk\/react; import ConvexProviderWithClerk/,
    );
    expect(preview).toMatch(
      /CREATE {2}convex\/auth\.config\.ts +add the OIDC provider CLERK_JWT_ISSUER_DOMAIN to auth\.config/,
    );
    expect(preview).toMatch(/MODIFY {2}\.gitignore +keep \.env\.local out of git: it will hold CLERK_SECRET_KEY/);
    expect(preview).toMatch(
      /set +dev deployment +CLERK_JWT_ISSUER_DOMAIN +https:\/\/demo\.clerk\.accounts\.dev +auth\.config\.ts reads it/,
    );
    expect(preview).toMatch(/set +\.env\.local +CLERK_SECRET_KEY +sk_t…\(40 chars\) \(secret\)/);
    expect(preview).toContain(
      "1. Activate the Convex integration in Clerk\n     https://dashboard.clerk.com/apps/setup/convex",
    );
    expect(preview).toContain("+    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>");
    expect(preview).toContain("+CLERK_SECRET_KEY=[new value hidden]");
    // The secret is nowhere in the preview; the public key (planned as not secret) in the env table and the diff alike.
    expect(preview).not.toContain(DEMO_OPTIONS.secretKey);
    expect(preview.split("\n").filter((line) => line.includes(DEMO_OPTIONS.publishableKey))).toEqual([
      expect.stringMatching(/^ {2}set +\.env\.local +VITE_CLERK_PUBLISHABLE_KEY +pk_test_/),
      `+VITE_CLERK_PUBLISHABLE_KEY=${DEMO_OPTIONS.publishableKey}`,
    ]);
    expect(preview).not.toContain(standin.adminKey);

    expect(toPlanJson(first, { applied: false })).toEqual({
      version: 1,
      plan: [
        expect.objectContaining({ action: "modify", path: "src/main.tsx", by: "demo-clerk" }),
        expect.objectContaining({ action: "create", path: "convex/auth.config.ts" }),
        expect.objectContaining({ action: "create", path: "src/auth/SignedInOnly.tsx" }),
        expect.objectContaining({ action: "modify", path: ".env.local" }),
        expect.objectContaining({ action: "modify", path: ".gitignore" }),
      ],
      env: [
        {
          name: "CLERK_JWT_ISSUER_DOMAIN",
          target: "dev",
          secret: false,
          status: "set",
          reason: "auth.config.ts reads it",
        },
        {
          name: "VITE_CLERK_PUBLISHABLE_KEY",
          target: "local",
          file: ".env.local",
          secret: false,
          status: "set",
          reason: "needed by demo-clerk",
        },
        {
          name: "CLERK_SECRET_KEY",
          target: "local",
          file: ".env.local",
          secret: true,
          status: "set",
          reason: "needed by demo-clerk",
        },
      ],
      install: [],
      humanSteps: [expect.objectContaining({ title: "Activate the Convex integration in Clerk" })],
      warnings: [],
      dirtyWorktree: false,
      applied: false,
    });
  });

  it("applies: the deployment variable is set before auth.config.ts exists, and git diff shows only the intended lines", async () => {
    const seenAtSet: boolean[] = [];
    standin.onChange = () => seenAtSet.push(existsSync(join(root, "convex", "auth.config.ts")));
    const result = await applyPlan(first, { deployment: cli });
    standin.onChange = undefined;
    expect(seenAtSet).toEqual([false]);
    expect(standin.vars.get("CLERK_JWT_ISSUER_DOMAIN")).toBe(DEMO_OPTIONS.issuer);
    expect(renderApplied(result, plain)).toContain("✔ set CLERK_JWT_ISSUER_DOMAIN on the dev deployment");
    expect(existsSync(join(root, ".authwire"))).toBe(false);

    expect(git("status", "--porcelain").split("\n").filter(Boolean).sort()).toEqual([
      " M .gitignore",
      " M src/main.tsx",
      "?? convex/auth.config.ts",
      "?? src/auth/",
    ]);
    expect(git("diff", "--", "src/main.tsx")).toContain(
      [
        ' import { createRoot } from "react-dom/client";',
        '-import { ConvexProvider, ConvexReactClient } from "convex/react";',
        '+import { ConvexReactClient } from "convex/react";',
        ' import App from "./App";',
        '+import { ClerkProvider, useAuth } from "@clerk/react";',
        '+import { ConvexProviderWithClerk } from "convex/react-clerk";',
      ].join("\n"),
    );
    expect(readFileSync(join(root, "src/main.tsx"), "utf8")).toBe(`import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexReactClient } from "convex/react";
import App from "./App";
import { ClerkProvider, useAuth } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {/* the whole app talks to Convex */}
        <App />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  </StrictMode>,
);
`);
    expect(git("diff", "--", ".gitignore")).toContain(
      "+# env files with secrets stay out of git (added by authwire)\n+.env.local\n",
    );
    // The env file only gained the two keys; comments and order are as they were.
    const envBefore = readFileSync(join(FIXTURE, ".env.local"), "utf8").replace(
      /^CONVEX_DEPLOYMENT=.*$/m,
      `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}`,
    );
    expect(readFileSync(join(root, ".env.local"), "utf8")).toBe(
      `${envBefore}VITE_CLERK_PUBLISHABLE_KEY=${DEMO_OPTIONS.publishableKey}\nCLERK_SECRET_KEY=${DEMO_OPTIONS.secretKey}\n`,
    );
    // .env.local is now ignored by git, so the secret can't be committed by accident.
    expect(execFileSync("git", ["check-ignore", ".env.local"], { cwd: root, encoding: "utf8" }).trim()).toBe(
      ".env.local",
    );
  });

  it("plans again: only skips, nothing to set, nothing to do", async () => {
    const again = await plan();
    // .env.local is ignored now, so .gitignore is not even planned.
    expect(again.items.map((i) => [i.action, i.path])).toEqual([
      ["skip", "src/main.tsx"],
      ["skip", "convex/auth.config.ts"],
      ["skip", "src/auth/SignedInOnly.tsx"],
      ["skip", ".env.local"],
    ]);
    expect(again.env.map((c) => c.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(isNoop(again)).toBe(true);
    expect(again.dirtyWorktree).toBe(true);
    expect(renderPlan(again, plain)).toContain("Plan — 4 already done or skipped");
  });
});
