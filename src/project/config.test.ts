import { describe, expect, it } from "vitest";
import { AuthwireError } from "../errors.ts";
import { staticEnvSource } from "../config/env-source.ts";
import { runDoctor } from "../rules/run.ts";
import { viteClerk } from "../../test/helpers/projects.ts";
import { matchesPublicFunction, readProjectConfig } from "./config.ts";
import { memoryFiles } from "./files.ts";

const read = (files: Record<string, string>) => readProjectConfig(memoryFiles(files));

async function rejects(files: Record<string, string>): Promise<AuthwireError> {
  try {
    await read(files);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthwireError);
    return error as AuthwireError;
  }
  throw new Error("expected the configuration to be refused");
}

describe("readProjectConfig", () => {
  it("reads every key of authwire.config.json (JSONC: comments, trailing commas)", async () => {
    const config = await read({
      "package.json": "{}",
      "authwire.config.json": `{
  // the leaderboard is public on purpose
  "rules": { "AW602": "warning", "two-auth-libraries": "off" },
  "ignore": ["convex/legacy/**"],
  "publicFunctions": ["scores:leaderboard", "admin/stats:*"],
  "guards": ["requireTestSecret", "auth.requireWorker"],
  "roles": { "read": ["viewer", "member", "admin"], "write": ["member", "admin"], "delete": "admin" },
}`,
    });
    expect(config).toMatchObject({
      file: "authwire.config.json",
      rules: { AW602: "warning", "two-auth-libraries": "off" },
      ignore: ["convex/legacy/**"],
      publicFunctions: ["scores:leaderboard", "admin/stats:*"],
      guards: ["requireTestSecret", "auth.requireWorker"],
      roles: { read: ["viewer", "member", "admin"], write: ["member", "admin"], delete: ["admin"] },
    });
    expect(config.ruleLines.AW602).toEqual({ line: 3, column: 14 });
  });

  it('falls back to package.json\'s "authwire" key, then to nothing', async () => {
    const fromPackage = await read({
      "package.json": JSON.stringify({ name: "app", authwire: { guards: ["requireWorkerSecret"] } }),
    });
    expect(fromPackage.file).toBe("package.json");
    expect(fromPackage.guards).toEqual(["requireWorkerSecret"]);
    const none = await read({ "package.json": JSON.stringify({ name: "app" }) });
    expect(none.file).toBeNull();
    expect(none.rules).toEqual({});
  });

  it.each([
    ["a bad severity", `{\n  "rules": { "AW602": "loud" }\n}`, 2, 23, /must be "off", "info", "warning" or "error"/],
    ["an unknown key", `{\n  "rule": {}\n}`, 2, 3, /unknown key "rule"/],
    ["a publicFunctions entry without a module", `{ "publicFunctions": [\n  "leaderboard"\n] }`, 2, 3, /not valid/],
    ["guards that are not strings", `{ "guards": [1] }`, 1, 14, /not a non-empty string/],
    ["roles with an unknown key", `{ "roles": { "admin": ["x"] } }`, 1, 14, /unknown key "admin"/],
    ["roles that are not an object", `{ "roles": ["admin"] }`, 1, 12, /"roles" must be an object/],
    ["broken JSON", `{ "rules": { "AW602": } }`, 1, 23, /not valid JSON/],
  ])("refuses %s, naming the file and line", async (_, source, line, column, message) => {
    const error = await rejects({ "package.json": "{}", "authwire.config.json": source });
    expect(error.code).toBe("project_unreadable");
    expect(error.file).toBe("authwire.config.json");
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`authwire.config.json:${line}:${column}`);
  });

  it("names functions by their module path under the functions folder", () => {
    expect(matchesPublicFunction(["scores:leaderboard"], "convex", "convex/scores.ts", "leaderboard")).toBe(true);
    expect(matchesPublicFunction(["admin/stats:*"], "convex", "convex/admin/stats.ts", "daily")).toBe(true);
    expect(matchesPublicFunction(["scores:leaderboard"], "convex", "convex/scores.ts", "mine")).toBe(false);
    expect(matchesPublicFunction(["scores:leaderboard"], "convex", "convex/admin/scores.ts", "leaderboard")).toBe(
      false,
    );
  });
});

/** A Clerk app with a public query nobody guards, a secret-guarded mutation and an ignored folder. */
function app(config: string | null) {
  const { "convex/myFunctions.ts": _unused, ...base } = viteClerk().files;
  return {
    ...base,
    ...(config !== null && { "authwire.config.json": config }),
    "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  grades: defineTable({ userId: v.string(), points: v.number() }).index("by_user", ["userId"]),
});
`,
    "convex/scores.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireTestSecret } from "./testing";

export const topScores = query({
  args: {},
  handler: async (ctx) => ctx.db.query("grades").withIndex("by_user").take(10),
});

export const reset = mutation({
  args: { secret: v.string(), userId: v.string() },
  handler: async (ctx, { secret, userId }) => {
    requireTestSecret(secret);
    const rows = await ctx.db.query("grades").withIndex("by_user", (q) => q.eq("userId", userId)).collect();
    for (const row of rows) await ctx.db.delete(row._id);
  },
});
`,
    "convex/testing.ts": `export function requireTestSecret(secret: string) {
  if (secret !== "x") throw new Error("Forbidden");
}
`,
    "convex/legacy/old.ts": `import { query } from "../_generated/server";
export const all = query({ args: {}, handler: async (ctx) => ctx.db.query("grades").collect() });
`,
  };
}

async function doctor(files: Record<string, string>, only = ["AW602"]) {
  const result = await runDoctor({
    cwd: "/virtual",
    files: memoryFiles(files, "/virtual"),
    envSource: staticEnvSource(viteClerk().env, "test env"),
    only,
  });
  return result.findings.map((finding) => `${finding.code} ${finding.severity} ${finding.file}:${finding.line}`);
}

describe("doctor applies the project configuration", () => {
  it("without a configuration, every unguarded function is reported", async () => {
    expect(await doctor(app(null))).toEqual([
      "AW602 warning convex/scores.ts:10",
      "AW602 info convex/legacy/old.ts:2",
      // A per-user read hands out nothing sensitive: info.
      "AW602 info convex/scores.ts:5",
    ]);
  });

  it("guards count as access checks, publicFunctions are public, ignore drops files", async () => {
    const config = JSON.stringify({
      guards: ["requireTestSecret"],
      publicFunctions: ["scores:topScores"],
      ignore: ["convex/legacy/"],
    });
    expect(await doctor(app(config))).toEqual([]);
  });

  it("rules: a severity override, and off", async () => {
    expect(await doctor(app(JSON.stringify({ rules: { AW602: "error" } })))).toEqual([
      "AW602 error convex/legacy/old.ts:2",
      "AW602 error convex/scores.ts:5",
      "AW602 error convex/scores.ts:10",
    ]);
    expect(await doctor(app(JSON.stringify({ rules: { "missing-identity-check": "off" } })))).toEqual([]);
  });

  it("refuses a rule the registry doesn't know, and a broken file, with its line", async () => {
    await expect(doctor(app(`{\n  "rules": {\n    "AW999": "off"\n  }\n}`))).rejects.toMatchObject({
      code: "project_unreadable",
      file: "authwire.config.json",
      line: 3,
      message: expect.stringContaining('"AW999" is not a doctor rule'),
    });
    await expect(doctor(app(`{ "guards": "requireTestSecret" }`))).rejects.toMatchObject({
      code: "project_unreadable",
      line: 1,
    });
  });
});

describe("built-in guards (issue 14, pattern 2)", () => {
  it("a shared-secret comparison that throws, in a require* helper or inline, is an access check", async () => {
    const files = app(null);
    files["convex/testing.ts"] = `export function requireTestSecret(secret: string) {
  if (!secret || secret !== process.env.TEST_SECRET) throw new Error("Forbidden");
}
`;
    files["convex/legacy/old.ts"] = `import { v } from "convex/values";
import { mutation } from "../_generated/server";
export const wipe = mutation({
  args: { secret: v.string() },
  handler: async (ctx, args) => {
    if (args.secret !== process.env.ADMIN_SECRET) {
      throw new Error("Forbidden");
    }
    for (const row of await ctx.db.query("grades").collect()) await ctx.db.delete(row._id);
  },
});
`;
    expect(await doctor(files)).toEqual(["AW602 info convex/scores.ts:5"]);
    // Near miss: comparing without throwing guards nothing.
    files["convex/testing.ts"] = `export function requireTestSecret(secret: string) {
  return secret === process.env.TEST_SECRET;
}
`;
    expect(await doctor(files)).toEqual(["AW602 warning convex/scores.ts:10", "AW602 info convex/scores.ts:5"]);
  });
});
