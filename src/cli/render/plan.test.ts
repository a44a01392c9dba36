import { createColors } from "picocolors";
import { describe, expect, it } from "vitest";
import { collectPlan } from "../../changes/collect.ts";
import { createKit } from "../../changes/kit.ts";
import { addImports, createFile } from "../../edit/index.ts";
import { memoryFiles } from "../../project/files.ts";
import { maskDotenvContent, renderApplied, renderPlan, renderRecovery } from "./plan.ts";
import { displayWidth } from "./text.ts";

const plain = createColors(false);
const colored = createColors(true);

async function samplePlan() {
  const kit = createKit("demo");
  kit.file("src/main.tsx", addImports({ from: "@clerk/react", named: ["useAuth"] }));
  kit.file("src/broken.tsx", addImports({ from: "@clerk/react", named: ["useAuth"] }));
  kit.file("src/new.ts", createFile("export const a = 1;\n", "add a"));
  kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_secretsecretsecret" });
  kit.env("JWKS", { target: "dev", obtainedBy: { title: "Run authwire keys", why: "it makes the key pair" } });
  kit.env("CLERK_JWT_ISSUER_DOMAIN", { target: "dev", value: "https://happy-otter-1.clerk.accounts.dev" });
  kit.install("@clerk/react", "6.1.2");
  kit.install("convex", "1.48.0");
  const files = memoryFiles({
    "package.json": JSON.stringify({ dependencies: { convex: "^1.17.0" } }),
    "src/main.tsx": 'import { StrictMode } from "react";\n',
    "src/broken.tsx": "export const = ;\n",
    ".env.local": "# keep\nCLERK_SECRET_KEY=sk_test_old_value_here\n",
    ".gitignore": ".env.local\n",
  });
  return collectPlan(kit, { files, git: false });
}

describe("renderPlan", () => {
  it("lists every item, env (masked), packages with the install command, steps, warnings and the diff", async () => {
    const text = renderPlan(await samplePlan(), plain, { title: "authwire add clerk" });
    expect(text).toContain("authwire add clerk — 1 to create, 2 to modify, 1 already done or skipped");
    expect(text).toMatch(/MODIFY {2}src\/main\.tsx +import useAuth from @clerk\/react/);
    expect(text).toMatch(/SKIP {4}src\/broken\.tsx +src\/broken\.tsx:1:14 does not parse/);
    expect(text).toMatch(/set +\.env\.local +CLERK_SECRET_KEY +sk_t…\(26 chars\) \(secret\) /);
    expect(text).toMatch(/pending +dev deployment +JWKS +\(no value yet\) +needs a value from: step 1\n/);
    // A public value is shown as it is; only secrets are masked.
    expect(text).toMatch(
      /set +dev deployment +CLERK_JWT_ISSUER_DOMAIN +https:\/\/happy-otter-1\.clerk\.accounts\.dev +needed/,
    );
    // The columns line up whether or not a value is a secret: every reason starts in the same column.
    const envRows = text.split("\n").filter((line) => /^ {2}(set|pending|unchanged) /.test(line));
    const reasonAt = envRows.map((line) => line.search(/ {2}(needs|needed|\(same)/));
    expect(new Set(reasonAt).size).toBe(1);
    expect(text).toContain("install  @clerk/react@6.1.2");
    expect(text).toContain("ok       convex@1.48.0 (package.json: ^1.17.0)");
    expect(text).toContain("→ npm install --save-exact @clerk/react@6.1.2");
    expect(text).toContain("1. Run authwire keys\n     it makes the key pair");
    expect(renderPlan(await samplePlan(), plain, { steps: false })).not.toContain("Steps only you can do");
    expect(text).toMatch(/! src\/broken\.tsx:1:14 does not parse/);
    expect(text).toContain('+import { useAuth } from "@clerk/react";');
    expect(text).toContain("-CLERK_SECRET_KEY=[value hidden]\n+CLERK_SECRET_KEY=[new value hidden]");
    expect(text).not.toContain("sk_test_secretsecretsecret");
    expect(text).not.toContain("sk_test_old_value_here");
  });

  it("colours additions green and removals red, and prints no escape codes without colour", async () => {
    const plan = await samplePlan();
    expect(renderPlan(plan, colored)).toContain('\u001b[32m+import { useAuth } from "@clerk/react";');
    expect(renderPlan(plan, colored)).toContain("\u001b[31m-CLERK_SECRET_KEY=[value hidden]");
    expect(renderPlan(plan, plain)).not.toMatch(/\u001b\[/);
  });

  it("diff: false leaves the diff out", async () => {
    expect(renderPlan(await samplePlan(), plain, { diff: false })).not.toContain("+++");
  });
});

describe("one masking policy for the env table and the diff", () => {
  it("a public value (a publishable key) is shown in both; a secret is masked in the table and hidden in the diff", async () => {
    const kit = createKit("clerk");
    const key = "pk_test_aGFwcHktb3R0ZXItMS5jbGVyay5hY2NvdW50cy5kZXYk";
    kit.env("VITE_CLERK_PUBLISHABLE_KEY", { target: "local", value: key });
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_secretsecretsecret" });
    const files = memoryFiles({
      "package.json": "{}",
      ".env.local": "OTHER=keep-me-hidden\n",
      ".gitignore": ".env.local\n",
    });
    const text = renderPlan(await collectPlan(kit, { files, git: false }), plain);
    expect(text).toMatch(/set +\.env\.local +VITE_CLERK_PUBLISHABLE_KEY +pk_test_aGFw\S+ /);
    expect(text).toContain(`+VITE_CLERK_PUBLISHABLE_KEY=${key}`);
    expect(text).toContain("+CLERK_SECRET_KEY=[new value hidden]");
    expect(text).toContain(" OTHER=[value hidden]");
    expect(text).not.toContain("sk_test_secretsecretsecret");
    expect(text).not.toContain("keep-me-hidden");
  });
});

describe("the env table's columns", () => {
  it("line up with a value longer than 60 columns, a secret and a wide character", async () => {
    const kit = createKit("demo");
    kit.env("CUSTOM_JWT_ISSUER", { target: "dev", value: `https://issuer.example.com/${"tenant/".repeat(10)}` });
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_secretsecretsecret" });
    kit.env("APP_NAME", { target: "dev", value: "日本のアプリ" });
    const files = memoryFiles({ "package.json": "{}", ".gitignore": ".env.local\n" });
    const text = renderPlan(await collectPlan(kit, { files, git: false }), plain);
    const rows = text.split("\n").filter((line) => /^ {2}(set|pending|unchanged) /.test(line));
    expect(rows).toHaveLength(3);
    const reasonAt = rows.map(
      (line) => displayWidth(line) - displayWidth(line.replace(/^.*? {2}(?=needed|\(same|set by)/, "")),
    );
    expect(reasonAt[0]).toBeGreaterThan(100);
    expect(new Set(reasonAt).size, rows.join("\n")).toBe(1);
  });
});

describe("maskDotenvContent", () => {
  it("hides every value, multi-line ones included, and keeps comments and layout", () => {
    const source = "# c\nA=1 # note\nPEM='-----BEGIN\nabc\n-----END'\n\nexport B=\"x\"\n";
    expect(maskDotenvContent(source, new Set(["B"]))).toBe(
      "# c\nA=[value hidden] # note\nPEM=[value hidden]\n\nexport B=[new value hidden]\n",
    );
  });
});

describe("renderApplied and renderRecovery", () => {
  it("summarise what happened", () => {
    const applied = renderApplied(
      {
        written: [{ path: "convex/auth.config.ts", action: "create" }],
        envSet: ["dev:CLERK_JWT_ISSUER_DOMAIN"],
        envSkipped: [],
        envKept: [],
        installed: [],
        installCommands: [{ command: "npm", args: [], display: "npm install --save-exact @clerk/react@6.1.2" }],
        cleanupPending: false,
      },
      plain,
    );
    expect(applied).toBe(
      "✔ created convex/auth.config.ts\n✔ set CLERK_JWT_ISSUER_DOMAIN on the dev deployment\n\nInstall the packages:\n  npm install --save-exact @clerk/react@6.1.2",
    );
    expect(renderRecovery({ recovered: false }, plain)).toBeUndefined();
    const note = renderRecovery(
      {
        recovered: true,
        action: "rolled-back",
        startedAt: "2026-11-27T10:00:00.000Z",
        restored: ["src/main.tsx"],
        removed: ["convex/auth.config.ts"],
        conflicts: [{ path: ".env.local", backup: ".authwire/recovered/.env.local" }],
        envRestored: [],
        envLeft: ["dev:JWKS"],
      },
      plain,
    )!;
    expect(note).toContain(
      "An earlier authwire run (2026-11-27T10:00:00.000Z) was interrupted; its changes were rolled back.",
    );
    expect(note).toContain("restored src/main.tsx");
    expect(note).toContain(
      ".env.local changed since; left as it is (the earlier content is in .authwire/recovered/.env.local)",
    );
    expect(note).toContain("dev:JWKS keeps the value the interrupted run set");
  });
});
