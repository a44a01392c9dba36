/**
 * `doctor --fix` for AW603/AW606 and backend-only `add` / `users` (--no-client, or no client found)
 * through the built bin, as an agent runs them (no TTY): nothing is written without --yes.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clerkPublishableKey, viteClerk } from "./helpers/projects.ts";
import { copyFixture, snapshot, tempDir, writeFiles } from "./helpers/project.ts";
import { runCli } from "./helpers/cli.ts";

const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");

const temp = tempDir("authwire-authz-fix-cli-");
afterAll(temp.cleanup);
const copy = (app: string): string => copyFixture(`apps/${app}`, mkdtempSync(join(temp.dir, "app-")));

const authwire = (args: string[]) => runCli(args, { env: { CONVEX_DEPLOYMENT: "", NO_COLOR: "1" } });

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ tokenIdentifier: v.string(), email: v.optional(v.string()) }).index("by_email", ["email"]),
});
`;
const HELPER = `import { query } from "../_generated/server";

export async function getViewer(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db
    .query("users")
    .withIndex("by_email", (q: any) => q.eq("email", identity.email))
    .unique();
}

export const me = query({ args: {}, handler: async (ctx) => getViewer(ctx) });
`;

const codes = (json: { findings: { code: string }[] }) => json.findings.map((finding) => finding.code);

describe("doctor --fix for AW603 and AW606 (built CLI, no TTY)", () => {
  it("without --yes nothing is written (exit 3); with --yes the lookup is by_token, the index is in the schema, ctx is typed, and both findings are gone", () => {
    const app = join(temp.dir, "fix-app");
    writeFiles(app, { ...viteClerk().files, "convex/schema.ts": SCHEMA, "convex/lib/auth.ts": HELPER });
    const before = snapshot(app);
    const first = authwire(["doctor", "--offline", "--only", "AW603,AW606", "--json", "--cwd", app]);
    expect(codes(JSON.parse(first.stdout)).sort()).toEqual(["AW603", "AW606"]);
    const fix = JSON.parse(first.stdout).findings.find((finding: { code: string }) => finding.code === "AW603");
    expect(fix).toMatchObject({ fixable: true, fix: expect.stringContaining("authwire doctor --fix does") });

    const refused = authwire(["doctor", "--fix", "--offline", "--only", "AW603,AW606", "--cwd", app]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(snapshot(app)).toEqual(before);

    const applied = authwire([
      "doctor",
      "--fix",
      "--yes",
      "--offline",
      "--only",
      "AW603,AW606",
      "--json",
      "--cwd",
      app,
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    const json = JSON.parse(applied.stdout);
    expect(json.fixes.map((finding: { code: string }) => finding.code).sort()).toEqual(["AW603", "AW606"]);
    expect(json.remaining).toMatchObject({ rerun: true, findings: [] });
    const helper = readFileSync(join(app, "convex/lib/auth.ts"), "utf8");
    expect(helper).toContain('.withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))');
    expect(helper).toContain("export async function getViewer(ctx: QueryCtx) {");
    expect(helper).toContain('import type { QueryCtx } from "../_generated/server";');
    expect(readFileSync(join(app, "convex/schema.ts"), "utf8")).toContain('.index("by_token", ["tokenIdentifier"])');

    const again = authwire(["doctor", "--offline", "--only", "AW603,AW606", "--json", "--cwd", app]);
    expect(codes(JSON.parse(again.stdout))).toEqual([]);
  });

  it("a users table without tokenIdentifier: AW603 is not fixable and says why; --fix --yes leaves the lookup", () => {
    const app = join(temp.dir, "no-token-app");
    writeFiles(app, {
      ...viteClerk().files,
      "convex/schema.ts": SCHEMA.replace("tokenIdentifier: v.string(), ", ""),
      "convex/lib/auth.ts": HELPER.replace("ctx: any", "ctx: QueryCtx").replace(
        'import { query } from "../_generated/server";',
        'import { query, type QueryCtx } from "../_generated/server";',
      ),
    });
    const result = authwire(["doctor", "--offline", "--only", "AW603", "--json", "--cwd", app]);
    const [finding] = JSON.parse(result.stdout).findings;
    expect(finding).toMatchObject({ code: "AW603", fixable: false });
    expect(finding.fix).toContain("has no tokenIdentifier field");
    authwire(["doctor", "--fix", "--yes", "--offline", "--only", "AW603", "--cwd", app]);
    expect(readFileSync(join(app, "convex/lib/auth.ts"), "utf8")).toContain('q.eq("email", identity.email)');
  });
});

describe("backend-only repos (built CLI)", () => {
  it("add clerk on a repo with only convex/: auth.config.ts (TypeScript from convex/tsconfig.json), no client files, a client step", () => {
    const app = copy("backend-only");
    const dry = authwire([
      "add",
      "clerk",
      "--clerk-publishable-key",
      KEY,
      "--dry-run",
      "--json",
      "--offline",
      "--cwd",
      app,
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    const json = JSON.parse(dry.stdout);
    expect(json.plan.map((item: { action: string; path: string }) => `${item.action} ${item.path}`)).toEqual([
      "create convex/auth.config.ts",
    ]);
    expect(json.install).toEqual([]);
    expect(json.humanSteps.map((step: { title: string }) => step.title).join("\n")).toContain("In the client app");
  });

  it("add clerk --no-client --yes on a Vite app leaves its client alone; users --no-client writes no hook", () => {
    const app = copy("vite-baseline");
    const main = readFileSync(join(app, "src/main.tsx"), "utf8");
    const added = authwire([
      "add",
      "clerk",
      "--no-client",
      "--clerk-publishable-key",
      KEY,
      "--yes",
      "--no-install",
      "--no-env",
      "--offline",
      "--cwd",
      app,
    ]);
    // Applied, with human steps left (the Clerk dashboard, the client): exit 3.
    expect(added.code, added.stderr).toBe(3);
    expect(readFileSync(join(app, "src/main.tsx"), "utf8")).toBe(main);
    expect(existsSync(join(app, "convex/auth.config.ts"))).toBe(true);
    expect(existsSync(join(app, "src/AuthButtons.tsx"))).toBe(false);
    expect(added.stdout).toContain("In the client app");

    const users = authwire(["users", "--no-client", "--dry-run", "--json", "--cwd", app]);
    expect(users.code, users.stderr).toBe(0);
    const plan = JSON.parse(users.stdout).plan.map((item: { path: string }) => item.path);
    expect(plan).toContain("convex/users.ts");
    expect(plan.some((path: string) => path.includes("useStoreUserEffect"))).toBe(false);
  });
});
