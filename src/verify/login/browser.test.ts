import { describe, expect, it } from "vitest";
import { AuthwireError, HumanStepRequired } from "../../errors.ts";
import { chromiumArgs, findBrowser, loadPlaywright } from "./browser.ts";

describe("findBrowser", () => {
  it("takes an explicit path, then $AUTHWIRE_BROWSER, then the first installed candidate", () => {
    expect(findBrowser(process.execPath, {})).toBe(process.execPath);
    expect(findBrowser(undefined, { AUTHWIRE_BROWSER: process.execPath })).toBe(process.execPath);
    expect(findBrowser(undefined, {}, ["/nonexistent/chromium", process.execPath])).toBe(process.execPath);
  });

  it("a missing explicit path is a usage error", () => {
    expect(() => findBrowser("/nonexistent/chrome", {})).toThrow(AuthwireError);
    expect(() => findBrowser("/nonexistent/chrome", {})).toThrow("No browser at /nonexistent/chrome.");
  });

  it("no browser installed is a human step: install Chromium or pass --browser (exit 3)", () => {
    let error: unknown;
    try {
      findBrowser(undefined, {}, ["/nonexistent/chromium"]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HumanStepRequired);
    expect((error as HumanStepRequired).exitCode).toBe(3);
    expect((error as HumanStepRequired).steps[0]!.title).toContain("apt-get install -y chromium");
  });
});

describe("chromiumArgs", () => {
  it("carries the flags from docs/internals/offline.md#chromium, and --no-sandbox only as root", () => {
    const args = chromiumArgs();
    for (const flag of [
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ])
      expect(args).toContain(flag);
    expect(args.includes("--no-sandbox")).toBe(process.getuid?.() === 0);
  });
});

describe("loadPlaywright (an optional peer)", () => {
  it("absent: a human step naming the install command (exit 3), not a crash", async () => {
    const missing = Object.assign(new Error("Cannot find package 'playwright-core'"), { code: "ERR_MODULE_NOT_FOUND" });
    const error = await loadPlaywright(() => Promise.reject(missing)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HumanStepRequired);
    expect((error as HumanStepRequired).exitCode).toBe(3);
    expect((error as HumanStepRequired).steps[0]!.title).toContain("npm install --save-dev playwright-core");
  });

  it("any other load failure is passed on as it is", async () => {
    const broken = new SyntaxError("broken build");
    await expect(loadPlaywright(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it("present: the real module", async () => {
    const playwright = await loadPlaywright();
    expect(typeof playwright.chromium.launch).toBe("function");
  });
});
