/**
 * `doctor --fix` on real files: each fixable rule on a temp copy of a fixture app, broken the way
 * the rule describes. Before → plan → apply → doctor again: the rule is silent, nothing else
 * changed in the findings, and planning again is a no-op.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileChanges, isNoop } from "../../src/changes/plan.ts";
import { applyDoctorFix, planDoctorFix, toFixJson } from "../../src/rules/fix.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { copyFixture, snapshot, tempDir, writeFiles } from "../helpers/project.ts";

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  temp = tempDir("authwire-fix-");
});
afterAll(() => temp.cleanup());

let counter = 0;
/** A temp copy of `test/fixtures/apps/<fixture>` with `files` written over it (undefined removes). */
function app(fixture: string, files: Record<string, string | undefined> = {}): string {
  const root = copyFixture(`apps/${fixture}`, join(temp.dir, `${counter++}`));
  for (const [path, content] of Object.entries(files)) {
    if (content === undefined) rmSync(join(root, path), { force: true });
    else writeFiles(root, { [path]: content });
  }
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");
const codes = (findings: { code: string }[]) => findings.map((finding) => finding.code).sort();

/** Fixes `code` on `root` and checks the result; returns the fixed project's findings. */
async function fixAndCheck(root: string, code: string) {
  const before = await runDoctor({ cwd: root, offline: true });
  const target = before.findings.filter((finding) => finding.code === code);
  expect(target.length, `${code} should fire before the fix`).toBeGreaterThan(0);
  expect(target.every((finding) => finding.fixable)).toBe(true);

  const planned = await planDoctorFix({ cwd: root, offline: true });
  expect(planned.fixes.map((finding) => finding.code)).toEqual(target.map(() => code));
  expect(planned.plan.items.filter((item) => item.action === "skip")).toEqual([]);
  const outcome = await applyDoctorFix(planned);
  expect(outcome.applied.written.map((file) => file.path).sort()).toEqual(
    fileChanges(planned.plan)
      .map((item) => item.path)
      .sort(),
  );

  // The rule is silent on the result, and every other finding is still there: nothing new, nothing lost.
  const remaining = codes(before.findings).filter((c) => c !== code);
  expect(codes(outcome.after.findings)).toEqual(remaining);
  expect(codes((await runDoctor({ cwd: root, offline: true })).findings)).toEqual(remaining);
  // Idempotent: a second --fix has nothing left to do for this rule, and no journal is left behind.
  expect(isNoop((await planDoctorFix({ cwd: root, offline: true })).plan)).toBe(true);
  expect(readdirSync(root)).not.toContain(".authwire");
  return outcome;
}

const WORKOS_CONFIG = readFileSync(
  join(import.meta.dirname, "../fixtures/apps/vite-workos-done/convex/auth.config.ts"),
  "utf8",
);

describe("doctor --fix on temp copies of the fixture apps", () => {
  it("AW103: applicationId renamed to applicationID in vite-clerk-done", async () => {
    const config = read(join(import.meta.dirname, "../fixtures/apps/vite-clerk-done"), "convex/auth.config.ts");
    const root = app("vite-clerk-done", { "convex/auth.config.ts": config.replace("applicationID", "applicationId") });
    await fixAndCheck(root, "AW103");
    expect(read(root, "convex/auth.config.ts")).toBe(config);
  });

  it("AW202: .env.local with a secret added to .gitignore in vite-clerk-done", async () => {
    const root = app("vite-clerk-done", { ".gitignore": "node_modules\ndist\n" });
    writeFileSync(
      join(root, ".env.local"),
      `${read(root, ".env.local")}CLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123\n`,
    );
    await fixAndCheck(root, "AW202");
    expect(read(root, ".gitignore")).toBe("node_modules\ndist\n.env.local\n");
  });

  it("AW202 when git already tracks the file: the plan adds the git rm --cached step", async () => {
    const root = app("vite-clerk-done", { ".gitignore": "node_modules\n" });
    writeFileSync(
      join(root, ".env.local"),
      `${read(root, ".env.local")}CLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123\n`,
    );
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: root,
        stdio: "pipe",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
        },
      });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "initial");
    const planned = await planDoctorFix({ cwd: root, offline: true });
    expect(planned.fixes.map((finding) => finding.code)).toContain("AW202");
    expect(planned.plan.humanSteps).toContainEqual(
      expect.objectContaining({ title: "Stop tracking .env.local: git rm --cached .env.local" }),
    );
    expect(planned.plan.warnings).toContainEqual(
      expect.objectContaining({ code: "env_file_tracked", file: ".env.local" }),
    );
  });

  it("AW501: authTables spread into vite-convex-auth-done's schema", async () => {
    const fixture = join(import.meta.dirname, "../fixtures/apps/vite-convex-auth-done");
    const schema = read(fixture, "convex/schema.ts");
    const root = app("vite-convex-auth-done", {
      "convex/schema.ts": schema
        .replace(`import { authTables } from "@convex-dev/auth/server";\n`, "")
        .replace("  ...authTables,\n", ""),
    });
    await fixAndCheck(root, "AW501");
    const fixed = read(root, "convex/schema.ts");
    expect(fixed).toContain("  ...authTables,\n  tasks: defineTable({");
    expect(fixed).toContain(`import { authTables } from "@convex-dev/auth/server";`);
  });

  it("AW502: a missing convex/http.ts created in vite-convex-auth-done", async () => {
    const fixture = join(import.meta.dirname, "../fixtures/apps/vite-convex-auth-done");
    const root = app("vite-convex-auth-done", { "convex/http.ts": undefined });
    await fixAndCheck(root, "AW502");
    expect(read(root, "convex/http.ts")).toBe(read(fixture, "convex/http.ts"));
  });

  it("AW209: a short WORKOS_COOKIE_PASSWORD replaced by a random one in vite-workos-done's .env.local", async () => {
    const root = app("vite-workos-done");
    const original = read(root, ".env.local");
    writeFileSync(join(root, ".env.local"), `${original}WORKOS_COOKIE_PASSWORD=too-short\n`);
    const outcome = await fixAndCheck(root, "AW209");
    const fixed = read(root, ".env.local");
    const password = /^WORKOS_COOKIE_PASSWORD=(.*)$/m.exec(fixed)![1]!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fixed).toBe(`${original}WORKOS_COOKIE_PASSWORD=${password}\n`);
    // The new secret is in the file, and nowhere in what doctor reports.
    expect(JSON.stringify(outcome.after.json)).not.toContain(password);
  });

  it("AW404: the WorkOS callback route created in a Next.js app (next-app-baseline + AuthKit)", async () => {
    const base = JSON.parse(read(join(import.meta.dirname, "../fixtures/apps/next-app-baseline"), "package.json")) as {
      dependencies: Record<string, string>;
    };
    const root = app("next-app-baseline", {
      "package.json": JSON.stringify(
        { ...base, dependencies: { ...base.dependencies, "@workos-inc/authkit-nextjs": "2.11.0" } },
        null,
        2,
      ),
      "convex/auth.config.ts": WORKOS_CONFIG,
      ".env.local":
        "WORKOS_CLIENT_ID=client_01JZ8Q3W4E5R6T7Y8U9I0OPASD\nNEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/auth/callback\n",
    });
    await fixAndCheck(root, "AW404");
    expect(read(root, "app/auth/callback/route.ts")).toBe(
      `import { handleAuth } from "@workos-inc/authkit-nextjs";\n\nexport const GET = handleAuth();\n`,
    );
  });

  it("AW307: <html> wrapped in ConvexAuthNextjsServerProvider in a Next.js Convex Auth app (next-app-baseline + Convex Auth)", async () => {
    const fixtureAuth = join(import.meta.dirname, "../fixtures/apps/vite-convex-auth-done");
    const base = JSON.parse(read(join(import.meta.dirname, "../fixtures/apps/next-app-baseline"), "package.json")) as {
      dependencies: Record<string, string>;
    };
    const root = app("next-app-baseline", {
      "package.json": JSON.stringify(
        { ...base, dependencies: { ...base.dependencies, "@convex-dev/auth": "0.0.95", "@auth/core": "0.41.1" } },
        null,
        2,
      ),
      ...Object.fromEntries(
        ["convex/auth.config.ts", "convex/auth.ts", "convex/http.ts", "convex/schema.ts", "convex/tasks.ts"].map(
          (path) => [path, read(fixtureAuth, path)],
        ),
      ),
      "proxy.ts": `import { convexAuthNextjsMiddleware } from "@convex-dev/auth/nextjs/server";\n\nexport default convexAuthNextjsMiddleware();\n\nexport const config = { matcher: ["/((?!.*\\\\..*|_next).*)", "/", "/(api|trpc)(.*)"] };\n`,
      "app/ConvexClientProvider.tsx": `"use client";\n\nimport { ConvexAuthNextjsProvider } from "@convex-dev/auth/nextjs";\nimport { ConvexReactClient } from "convex/react";\nimport { ReactNode } from "react";\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport function ConvexClientProvider({ children }: { children: ReactNode }) {\n  return <ConvexAuthNextjsProvider client={convex}>{children}</ConvexAuthNextjsProvider>;\n}\n`,
    });
    const layout = read(root, "app/layout.tsx");
    await fixAndCheck(root, "AW307");
    expect(read(root, "app/layout.tsx")).toBe(
      layout
        .replace(
          `import { ConvexClientProvider } from "./ConvexClientProvider";\n`,
          `import { ConvexClientProvider } from "./ConvexClientProvider";\nimport { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";\n`,
        )
        .replace(
          `  return (\n    <html lang="en">\n      <body>\n        <ConvexClientProvider>{children}</ConvexClientProvider>\n      </body>\n    </html>\n  );`,
          `  return (\n    <ConvexAuthNextjsServerProvider>\n      <html lang="en">\n        <body>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </body>\n      </html>\n    </ConvexAuthNextjsServerProvider>\n  );`,
        ),
    );
  });

  it("several rules at once, with --only limiting the fixes to the rules asked for", async () => {
    const config = read(join(import.meta.dirname, "../fixtures/apps/vite-clerk-done"), "convex/auth.config.ts");
    const root = app("vite-clerk-done", {
      ".gitignore": "node_modules\n",
      "convex/auth.config.ts": config.replace("applicationID", "applicationId"),
    });
    writeFileSync(
      join(root, ".env.local"),
      `${read(root, ".env.local")}CLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123\n`,
    );
    const only = await planDoctorFix({ cwd: root, offline: true, only: ["AW202"] });
    expect(only.fixes.map((finding) => finding.code)).toEqual(["AW202"]);
    expect(fileChanges(only.plan).map((item) => item.path)).toEqual([".gitignore"]);
    const all = await planDoctorFix({ cwd: root, offline: true });
    expect(all.fixes.map((finding) => finding.code).sort()).toEqual(["AW103", "AW202"]);
    const outcome = await applyDoctorFix(all);
    expect(outcome.after.findings.filter((finding) => ["AW103", "AW202"].includes(finding.code))).toEqual([]);
    expect(toFixJson(all, outcome)).toMatchObject({ applied: true, remaining: { rerun: true, summary: { error: 0 } } });
  });

  it("a file changed between planning and applying: plan_stale, nothing written", async () => {
    const root = app("vite-clerk-done", { ".gitignore": "node_modules\n" });
    writeFileSync(
      join(root, ".env.local"),
      `${read(root, ".env.local")}CLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123\n`,
    );
    const planned = await planDoctorFix({ cwd: root, offline: true });
    writeFileSync(join(root, ".gitignore"), "node_modules\n# edited meanwhile\n");
    const files = snapshot(root);
    await expect(applyDoctorFix(planned)).rejects.toMatchObject({ code: "plan_stale" });
    expect(snapshot(root)).toEqual(files);
  });

  it("toFixJson: add's plan shape plus the fixes and, before applying, the findings the plan leaves", async () => {
    const root = app("vite-clerk-done", { ".gitignore": "node_modules\n" });
    writeFileSync(
      join(root, ".env.local"),
      `${read(root, ".env.local")}CLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123\n`,
    );
    const planned = await planDoctorFix({ cwd: root, offline: true });
    const json = toFixJson(planned);
    expect(Object.keys(json).sort()).toEqual([
      "applied",
      "dirtyWorktree",
      "env",
      "fixes",
      "humanSteps",
      "install",
      "plan",
      "remaining",
      "version",
      "warnings",
    ]);
    expect(json).toMatchObject({
      version: 1,
      applied: false,
      plan: [{ action: "modify", path: ".gitignore", by: "doctor:AW202" }],
      fixes: [{ code: "AW202", fixable: true }],
    });
    expect(json.remaining.rerun).toBe(false);
    expect(json.remaining.findings.some((finding) => finding.code === "AW202")).toBe(false);
    expect(JSON.stringify(json)).not.toContain("sk_test_abcdefghijklmnopqrstuvwxyz0123");
  });
});
