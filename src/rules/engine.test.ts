import { existsSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { staticEnvSource } from "../config/env-source.ts";
import { memoryFiles } from "../project/files.ts";
import { viteClerk, withFiles } from "../../test/helpers/projects.ts";
import { defineRule } from "./define.ts";
import { RULES } from "./index.ts";
import { mergeBySubject } from "./engine.ts";
import { runDoctor, selectRules } from "./run.ts";

const meta = (code: string, name: string) => ({
  code,
  name,
  category: "functions" as const,
  severity: "warning" as const,
  fixable: false,
  description: "test",
  docs: `docs/rules/${name}.md`,
  messages: { hit: "hit {{file}}" },
  fixes: { hit: "none" },
});

describe("engine", () => {
  it("turns a crashing rule into AW000 naming the rule and file, and keeps running the others", async () => {
    let visited = 0;
    const crashing = defineRule({
      meta: meta("AW990", "test-crashing"),
      scope: "all",
      create: () => ({
        Program() {
          throw new Error("boom");
        },
      }),
    });
    const counting = defineRule({
      meta: meta("AW991", "test-counting"),
      scope: "all",
      create: (ctx) => ({
        Program() {
          visited += 1;
          if (ctx.file === "src/main.tsx") ctx.report({ messageId: "hit", data: { file: ctx.file } });
        },
      }),
    });
    const crashingFacts = defineRule({
      meta: meta("AW992", "test-facts-crash"),
      check: () => {
        throw new TypeError("bad facts");
      },
    });
    const result = await runDoctor({
      cwd: "/virtual",
      files: memoryFiles(viteClerk().files),
      envSource: staticEnvSource({}),
      rules: [crashing, counting, crashingFacts],
    });
    const crashes = result.findings.filter((finding) => finding.code === "AW000");
    expect(
      crashes.some(
        (finding) =>
          finding.message.includes("test-crashing") &&
          finding.message.includes("boom") &&
          finding.file === "src/main.tsx",
      ),
    ).toBe(true);
    expect(
      crashes.some((finding) => finding.message.includes("test-facts-crash") && finding.message.includes("bad facts")),
    ).toBe(true);
    expect(visited).toBeGreaterThanOrEqual(4);
    expect(result.findings.some((finding) => finding.code === "AW991" && finding.file === "src/main.tsx")).toBe(true);
  });

  it("parses each file once and walks it once for all code rules", async () => {
    const programs = new Map<string, number>();
    const rules = [0, 1, 2].map((index) =>
      defineRule({
        meta: meta(`AW98${index}`, `test-walk-${index}`),
        scope: "all",
        create: (ctx) => ({
          Program(node) {
            programs.set(`${ctx.file}#${index}`, (programs.get(`${ctx.file}#${index}`) ?? 0) + 1);
            void node;
          },
        }),
      }),
    );
    const files = viteClerk().files;
    let reads = 0;
    const base = memoryFiles(files);
    const counted = {
      ...base,
      read: async (path: string) => {
        reads += path.endsWith(".ts") || path.endsWith(".tsx") ? 1 : 0;
        return base.read(path);
      },
    };
    await runDoctor({ cwd: "/virtual", files: counted, envSource: staticEnvSource({}), rules });
    for (const count of programs.values()) expect(count).toBe(1);
    const codeFiles = Object.keys(files).filter((path) => /\.tsx?$/.test(path)).length;
    expect(programs.size).toBe(codeFiles * 3);
    // detection reads a few files itself; the engine adds no second read per file
    expect(reads).toBeLessThanOrEqual(codeFiles * 2 + 4);
  });

  it("notes unparsable, binary and huge files as skipped and never crashes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aw-doctor-"));
    for (const [path, content] of Object.entries(viteClerk().files)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    writeFileSync(join(dir, "convex/broken.ts"), "export const = ;\n");
    writeFileSync(join(dir, "src/binary.ts"), Buffer.from([0, 1, 2, 3, 0, 255]));
    writeFileSync(join(dir, "src/huge.js"), "x".repeat(3 * 1024 * 1024));
    mkdirSync(join(dir, "src/loop"));
    symlinkSync(join(dir, "src/loop"), join(dir, "src/loop/self"));
    symlinkSync(join(dir, "src/missing-target.ts"), join(dir, "src/dangling.ts"));
    const result = await runDoctor({ cwd: dir, offline: true });
    const skipped = Object.fromEntries(result.skipped.map((entry) => [entry.file, entry.reason]));
    expect(skipped["convex/broken.ts"]).toMatch(/syntax error at 1:/);
    expect(skipped["src/binary.ts"]).toMatch(/binary/);
    expect(skipped["src/huge.js"]).toMatch(/2 MiB/);
    expect(result.findings.filter((finding) => finding.code === "AW000")).toEqual([]);
    // An unparsed function file may hide an unprotected function: the step is "?", not ✔.
    expect(result.checklist.items.find((item) => item.id === "functions")).toMatchObject({
      status: "unknown",
      detail: expect.stringContaining("convex/broken.ts"),
    });
    // A client file that can't be read doesn't make the functions step unknown.
    rmSync(join(dir, "convex/broken.ts"));
    expect(
      (await runDoctor({ cwd: dir, offline: true })).checklist.items.find((item) => item.id === "functions")?.status,
    ).toBe("pass");
  });

  it("leaves convex/_generated alone: real codegen output (vite-clerk-done keeps it) is neither code to check nor a skipped file", async () => {
    const root = join(import.meta.dirname, "../../test/fixtures/apps/vite-clerk-done");
    expect(existsSync(join(root, "convex/_generated/server.d.ts"))).toBe(true);
    const result = await runDoctor({ cwd: root, offline: true });
    expect(result.facts.codeFiles.filter((file) => file.includes("_generated"))).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.findings.filter((finding) => finding.file?.includes("_generated"))).toEqual([]);
  });

  it("--only selects by code or name and rejects unknown ones", () => {
    expect(selectRules(RULES, ["AW603,client-supplied-user-id"]).map((rule) => rule.meta.code)).toEqual([
      "AW601",
      "AW603",
    ]);
    expect(() => selectRules(RULES, ["AW999"])).toThrow(/Unknown rule/);
  });

  it("a bad --dev-env path is a usage error", async () => {
    await expect(
      runDoctor({ cwd: "/virtual", files: memoryFiles(viteClerk().files), devEnv: "/nonexistent/.env.dev" }),
    ).rejects.toMatchObject({ code: "usage" });
  });

  it("reads --dev-env / --prod-env dotenv dumps and never prints values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aw-env-"));
    writeFileSync(join(dir, "dev.env"), "CLERK_JWT_ISSUER_DOMAIN='https://happy-otter-1.clerk.accounts.dev'\n");
    writeFileSync(
      join(dir, "prod.env"),
      "CLERK_JWT_ISSUER_DOMAIN=https://happy-otter-1.clerk.accounts.dev\nCLERK_SECRET_KEY=sk_test_supersecretvalue123\n",
    );
    const app = viteClerk();
    const result = await runDoctor({
      cwd: dir,
      files: memoryFiles(withFiles(app, {}), dir),
      devEnv: join(dir, "dev.env"),
      prodEnv: join(dir, "prod.env"),
    });
    expect(result.env.dev).toContain("dev.env");
    expect(result.findings.map((finding) => finding.code)).toContain("AW204");
    expect(JSON.stringify(result.json)).not.toContain("supersecretvalue");
  });

  it("doctor on an app of a monorepo checks the backend package beside it (its functions, its auth.config)", async () => {
    const cwd = join(import.meta.dirname, "../../test/fixtures/apps/monorepo/apps/web");
    const result = await runDoctor({ cwd, offline: true, git: false, processEnv: {} });
    expect(result.facts.convex.dir).toBe("../../packages/backend/convex");
    expect(result.facts.codeFiles.some((file) => file.startsWith("../../packages/backend/convex/"))).toBe(true);
  });

  it("merges findings about one function into the worst, naming the others (AW601 + AW602)", async () => {
    // A mutation that takes a user id from the client and writes with no identity check at all:
    // AW601 (error) and AW602 both describe it; the run reports it once, as AW601.
    const files = withFiles(viteClerk(), {
      "convex/schema.ts":
        'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  notes: defineTable({ userId: v.id("users"), body: v.string() }).index("by_user", ["userId"]),\n});\n',
      "convex/notes.ts":
        'import { v } from "convex/values";\nimport { mutation } from "./_generated/server";\nexport const add = mutation({\n  args: { userId: v.id("users"), body: v.string() },\n  handler: async (ctx, args) => {\n    await ctx.db.insert("notes", { userId: args.userId, body: args.body });\n  },\n});\nexport const clear = mutation({\n  args: {},\n  handler: async (ctx) => {\n    for (const note of await ctx.db.query("notes").collect()) await ctx.db.delete(note._id);\n  },\n});\n',
    });
    const run = (only: string[]) =>
      runDoctor({ cwd: "/virtual", files: memoryFiles(files), envSource: staticEnvSource({}), only, git: false });
    const apart = await Promise.all([run(["AW601"]), run(["AW602"])]);
    expect(
      apart.map((result) => result.findings.filter((finding) => finding.file === "convex/notes.ts").length),
    ).toEqual([1, 2]);
    const together = (await run(["AW601", "AW602"])).findings.filter((finding) => finding.file === "convex/notes.ts");
    expect(together.map((finding) => `${finding.code}:${finding.line}`)).toEqual(["AW601:4", "AW602:9"]);
    const [merged] = together;
    expect(merged!.severity).toBe("error");
    expect(merged!.message).toMatch(/Also: AW602 \((?:warning|info)\) on line 3\./);
    expect(merged!.related?.map((related) => related.code)).toEqual(["AW602"]);
  });

  it("mergeBySubject keeps the highest severity (first reported on a tie) and counts the other places", () => {
    const finding = (
      code: string,
      severity: "error" | "warning" | "info",
      file: string,
      line: number,
      subject?: string,
    ) =>
      ({
        code,
        rule: code,
        severity,
        message: `${code} says`,
        file,
        line,
        column: 1,
        fix: "",
        docs: "",
        fixable: false,
        subject,
      }) as const;
    const merged = mergeBySubject([
      finding("AW201", "error", "src/a.ts", 3, "env:VITE_X_SECRET"),
      finding("AW602", "info", "convex/a.ts", 2, "function:convex/a.ts:f"),
      finding("AW201", "error", "src/b.ts", 7, "env:VITE_X_SECRET"),
      finding("AW601", "error", "convex/a.ts", 3, "function:convex/a.ts:f"),
      finding("AW201", "error", "src/c.ts", 1, "env:VITE_X_SECRET"),
      finding("AW201", "error", "src/d.ts", 1, "env:VITE_X_SECRET"),
      finding("AW201", "error", "src/e.ts", 1, "env:VITE_X_SECRET"),
      finding("AW603", "warning", "convex/a.ts", 5),
    ]);
    expect(merged.map((item) => `${item.code} ${item.file}:${item.line}`)).toEqual([
      "AW201 src/a.ts:3",
      "AW601 convex/a.ts:3",
      "AW603 convex/a.ts:5",
    ]);
    expect(merged[0]!.message).toBe(
      "AW201 says Also in 4 other places: src/b.ts:7, src/c.ts:1, src/d.ts:1 and 1 more.",
    );
    expect(merged[1]!.message).toBe("AW601 says Also: AW602 (info) on line 2.");
    expect(merged[2]!.related).toBeUndefined();
  });
});
