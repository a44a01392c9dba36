import { describe, expect, it } from "vitest";
import { displayWidth, padDisplay, wrapLine, wrapText } from "./text.ts";

describe("displayWidth and padDisplay", () => {
  it("count columns, not UTF-16 units: escapes 0, wide characters 2, combining marks 0", () => {
    expect(displayWidth("\u001b[32mset\u001b[39m")).toBe(3);
    expect(displayWidth("日本")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("sk_t…(26 chars) (secret)")).toBe(24);
    expect(padDisplay("日", 4)).toBe("日  ");
    expect(padDisplay("\u001b[2mab\u001b[22m", 4)).toBe("\u001b[2mab\u001b[22m  ");
  });
});

describe("wrapLine", () => {
  it("wraps at the width with a hanging indent under a list marker", () => {
    const text = `  • Run \`npx convex dev\`: it pushes convex/auth.config.ts to the dev deployment, which must have the variable set first.`;
    const lines = wrapLine(text, 60).split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
    expect(lines.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("never breaks a URL or a value to paste, even when it is wider than the line", () => {
    const url = "https://dashboard.clerk.com/apps/setup/convex?with=a-long-query-string-that-goes-on";
    const wrapped = wrapLine(`  1. Open ${url} and activate it`, 40);
    expect(wrapped.split("\n").map((line) => line.trim())).toContain(url);
  });

  it("a table row hangs under its last column when there is room, else 4 in", () => {
    const row = `  pending  dev deployment  ISSUER  https://a.example  ${"the reason goes on ".repeat(6).trim()}`;
    const wide = wrapLine(row, 120).split("\n");
    const column = row.indexOf("the reason");
    expect(wide.length).toBeGreaterThan(1);
    for (const line of wide.slice(1)) expect(line.search(/\S/)).toBe(column);
    const narrow = wrapLine(row, 70).split("\n");
    for (const line of narrow.slice(1)) expect(line.search(/\S/)).toBe(6);
  });
});

describe("wrapText", () => {
  it("leaves a unified diff as it is, and wraps the text after it", () => {
    const long = `+${"x".repeat(50)} ${"y".repeat(50)}`;
    const text = `--- a/f.ts\n+++ b/f.ts\n@@ -1 +1 @@\n${long}\n\n${"word ".repeat(30).trim()}`;
    const out = wrapText(text, 60).split("\n");
    expect(out).toContain(long);
    expect(out.at(-1)!.length).toBeLessThanOrEqual(60);
  });

  it("without a terminal width the text is unchanged", () => {
    const text = "a ".repeat(200);
    expect(wrapText(text, undefined)).toBe(text);
  });
});
