import { createColors } from "picocolors";
import { describe, expect, it } from "vitest";
import { collectPlan } from "../../changes/collect.ts";
import { createKit } from "../../changes/kit.ts";
import { memoryFiles } from "../../project/files.ts";
import { renderKeysPlan } from "./keys.ts";
import { displayWidth } from "./text.ts";

describe("renderKeysPlan", () => {
  it("the table's columns line up whether or not a row says (secret); values masked", async () => {
    const kit = createKit("keys");
    const pem = `-----BEGIN PRIVATE KEY----- ${"A".repeat(1600)} -----END PRIVATE KEY-----`;
    kit.env("JWT_PRIVATE_KEY", { target: "dev", secret: true, value: pem, reason: "signs the session tokens" });
    kit.env("JWKS", {
      target: "dev",
      value: '{"keys":[{"kty":"RSA","n":"abc","e":"AQAB"}]}',
      reason: "the public half",
    });
    const plan = await collectPlan(kit, { files: memoryFiles({ "package.json": "{}" }), git: false });
    const text = renderKeysPlan(
      {
        root: "/app",
        target: "dev",
        before: { status: "missing", problems: [] },
        action: "set",
        problems: [],
        warnings: [],
        plan,
      },
      createColors(false),
      { dryRun: true },
    );
    const rows = text.split("\n").filter((line) => /^ {2}(JWT_PRIVATE_KEY|JWKS) /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("(secret)");
    const statusAt = rows.map((line) => displayWidth(line.slice(0, line.search(/ {2}set {2}/))));
    const reasonAt = rows.map((line) => displayWidth(line.slice(0, line.search(/ {2}(signs|the public)/))));
    expect(new Set(statusAt).size, rows.join("\n")).toBe(1);
    expect(new Set(reasonAt).size, rows.join("\n")).toBe(1);
    expect(statusAt[0]).toBeGreaterThan(20);
    expect(text).not.toContain("A".repeat(40));
  });
});
