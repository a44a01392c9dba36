/**
 * One owner for "is this file gitignored": `add` (changes/collect.ts) and doctor (AW202) both ask
 * src/project/gitignore.ts. In a monorepo whose root .gitignore covers `.env*.local`, add plans no
 * .gitignore and doctor is silent; when the root doesn't cover it, add plans one and doctor reports.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { planAdd } from "../providers/add.ts";
import { runDoctor } from "../rules/run.ts";
import { staticEnvSource } from "../config/env-source.ts";
import { APPS } from "../../test/helpers/edits.ts";
import { memoryDeployment } from "../../test/helpers/memory-deployment.ts";
import { diskFiles, memoryFiles } from "./files.ts";
import { projectGitignore } from "./gitignore.ts";

const SECRET = ["sk", "test", "Zq8wX3vR5tY7uI9oP1aS2dF4gH6jK8lM0nB"].join("_");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the monorepo fixture with `.git` at its top; `rootIgnore` replaces the root .gitignore. */
function monorepo(rootIgnore?: string): string {
  const top = mkdtempSync(join(tmpdir(), "authwire-gitignore-"));
  dirs.push(top);
  cpSync(join(APPS, "monorepo-root-gitignore"), top, { recursive: true });
  mkdirSync(join(top, ".git"));
  if (rootIgnore !== undefined) writeFileSync(join(top, ".gitignore"), rootIgnore);
  return join(top, "apps", "web");
}

async function answers(app: string) {
  const added = await planAdd({
    cwd: app,
    provider: "clerk",
    options: {
      clerkPublishableKey: "pk_test_aGFwcHktb3R0ZXItMS5jbGVyay5hY2NvdW50cy5kZXYk",
      clerkSecretKey: SECRET,
    },
    readDeployment: (target) => memoryDeployment().list(target),
    git: false,
  });
  const plansGitignore = added.plan.items.some((item) => item.path === ".gitignore" && item.action !== "skip");
  // doctor on the app once .env.local holds the secret add would write.
  writeFileSync(join(app, ".env.local"), `CLERK_SECRET_KEY=${SECRET}\n`);
  const doctor = await runDoctor({
    cwd: app,
    envSource: staticEnvSource({}, "test env"),
    only: ["AW202"],
    git: { dirty: async () => null, tracked: async () => false },
  });
  const reports = doctor.findings.some((finding) => finding.code === "AW202");
  const ignored = await projectGitignore(diskFiles(app)).ignored(".env.local");
  return { plansGitignore, reports, ignored };
}

describe("is this file gitignored: add and doctor agree", () => {
  it("a monorepo root .gitignore covering .env*.local: add plans no .gitignore, doctor is silent", async () => {
    expect(await answers(monorepo())).toEqual({ plansGitignore: false, reports: false, ignored: true });
  });

  it("near miss: the root .gitignore doesn't cover it: add plans one, doctor reports AW202", async () => {
    expect(await answers(monorepo("node_modules\n"))).toEqual({ plansGitignore: true, reports: true, ignored: false });
  });

  it("a deeper .gitignore re-includes what the root ignores (git's order: deeper wins)", async () => {
    const app = monorepo();
    writeFileSync(join(app, ".gitignore"), "!.env.local\n");
    expect(await answers(app)).toEqual({ plansGitignore: true, reports: true, ignored: false });
  });
});

describe("projectGitignore", () => {
  const files = (entries: Record<string, string>) => memoryFiles(entries, "/virtual");
  it.each([
    ["no git setup at all", {}, ".env.local", null],
    ["a .git folder and no .gitignore", { ".git/HEAD": "ref" }, ".env.local", false],
    ["root pattern", { ".gitignore": ".env*\n" }, ".env.local", true],
    ["an ignored folder ignores its files", { ".gitignore": "secrets/\n!secrets/a\n" }, "secrets/a", true],
    ["nested .gitignore", { ".gitignore": "", "web/.gitignore": ".env.local\n" }, "web/.env.local", true],
    ["nested negation wins", { ".gitignore": "*.local\n", "web/.gitignore": "!.env.local\n" }, "web/.env.local", false],
  ] as const)("%s", async (_name, entries, path, expected) => {
    expect(await projectGitignore(files(entries)).ignored(path)).toBe(expected);
  });
});
