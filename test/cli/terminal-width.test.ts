/**
 * Human output wraps at the terminal's width (issue 19), through a real pseudo-terminal (util-linux
 * `script`): at 80 columns no line of prose is wider than the terminal, continuations hang under
 * their text, and a dashboard URL stands on a line of its own. Through a pipe nothing is wrapped.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/cli/render/text.ts";
import { runInTerminal } from "../helpers/terminal.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "dist/cli/main.js");
const NO_DEPLOYMENT = { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "" };

const temp = mkdtempSync(join(tmpdir(), "authwire-width-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const copy = (app: string, name: string) => {
  const dir = join(temp, name);
  cpSync(join(ROOT, "test/fixtures/apps", app), dir, { recursive: true });
  return dir;
};

/** The screen's lines outside unified diffs (code is shown as it is). */
function proseLines(screen: string): string[] {
  const lines = screen.replace(/\r/g, "").split("\n");
  const prose: string[] = [];
  let inDiff = false;
  lines.forEach((line, index) => {
    if (/^--- (a\/|\/dev\/null)/.test(line) && /^\+\+\+ b\//.test(lines[index + 1] ?? "")) inDiff = true;
    else if (inDiff && line === "") inDiff = false;
    if (!inDiff) prose.push(line);
  });
  return prose;
}

describe("output at a terminal fits its width", () => {
  it("add clerk --dry-run at 80 columns: wrapped with hanging indents, URLs on their own lines", async () => {
    const app = copy("vite-baseline", "clerk-80");
    const run = await runInTerminal(
      [process.execPath, BIN, "add", "clerk", "--dry-run", "--no-install", "--cwd", app],
      {
        env: NO_DEPLOYMENT,
        cols: 80,
      },
    );
    expect(run.code, run.screen).toBe(0);
    const lines = proseLines(run.screen);
    expect(lines.join("\n")).toContain("Steps only you can do");
    const tooWide = lines.filter((line) => displayWidth(line) > 80);
    expect(tooWide).toEqual([]);
    // The Next step about `npx convex dev` is longer than 80: its continuation hangs under the bullet's text.
    const bullet = lines.findIndex((line) => line.startsWith("  • Run `npx convex dev`"));
    expect(bullet).toBeGreaterThan(-1);
    expect(lines[bullet + 1]).toMatch(/^ {4}\S/);
    // Every dashboard URL is alone on its line: nothing to paste runs into it.
    const urlLines = lines.filter((line) => line.includes("https://dashboard.clerk.com"));
    expect(urlLines.length).toBeGreaterThanOrEqual(2);
    for (const line of urlLines) expect(line.trim()).toMatch(/^https:\/\/\S+$/);
  }, 60_000);

  it("through a pipe the same output is not wrapped (a log or an agent gets whole lines)", () => {
    const app = copy("vite-baseline", "clerk-pipe");
    const result = spawnSync(process.execPath, [BIN, "add", "clerk", "--dry-run", "--no-install", "--cwd", app], {
      encoding: "utf8",
      env: { ...process.env, ...NO_DEPLOYMENT, NO_COLOR: "1" },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}• Run `npx convex dev`: .{100,}$/m);
  });
});
