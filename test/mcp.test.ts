/** `authwire mcp` over stdio, driven by the MCP SDK's own client, as an agent would use it. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalIssuer, type LocalIssuer } from "../src/verify/testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "../src/verify/testing/token-factory.ts";
import { startDeploymentStandin, type DeploymentStandin } from "./helpers/convex-deployment-standin.ts";
import { otherIssuer } from "./helpers/online-issuer.ts";
import { copyFixture, tempDir } from "./helpers/project.ts";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test/fixtures/apps");

describe("authwire mcp", () => {
  const client = new Client({ name: "authwire-test", version: "0.0.0" });

  beforeAll(async () => {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(ROOT, "dist/cli/main.js"), "mcp"],
        env: { ...process.env, CONVEX_DEPLOYMENT: "" },
        stderr: "pipe",
      }),
    );
  });
  afterAll(async () => {
    await client.close();
  });

  it("lists its tools with input schemas", async () => {
    const { tools } = await client.listTools();
    const detect = tools.find((tool) => tool.name === "detect");
    expect(detect?.inputSchema.required).toEqual(["cwd"]);
    expect(detect?.annotations?.readOnlyHint).toBe(true);
    const doctor = tools.find((tool) => tool.name === "doctor");
    expect(doctor?.inputSchema.required).toEqual(["cwd"]);
    expect(Object.keys(doctor?.inputSchema.properties ?? {}).sort()).toEqual([
      "cwd",
      "devEnv",
      "offline",
      "online",
      "only",
      "prodEnv",
    ]);
    expect(tools.find((tool) => tool.name === "explain_rule")?.inputSchema.required).toEqual(["code"]);
  });

  it("detect returns the CLI's JSON as structured content", async () => {
    const result = await client.callTool({ name: "detect", arguments: { cwd: join(APPS, "vite-workos-done") } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      version: 1,
      framework: { name: "vite" },
      providers: [{ name: "workos" }],
    });
  });

  it("turns authwire errors into tool errors with the stable code", async () => {
    const result = await client.callTool({ name: "detect", arguments: { cwd: join(APPS, "monorepo") } });
    expect(result.isError).toBe(true);
    const [content] = result.content as { type: string; text: string }[];
    expect(JSON.parse(content!.text)).toMatchObject({
      error: { code: "monorepo_root", details: { apps: ["apps/web", "packages/backend"] } },
    });
  });

  describe("verify_token (local issuer on 127.0.0.1 standing in for the identity provider)", () => {
    let issuer: LocalIssuer;
    let key: TestKey;
    let app: string;
    beforeAll(async () => {
      key = await makeKey("RS256", "k1");
      issuer = await startLocalIssuer();
      issuer.oidc({ path: "/idp", jwks: jwks(key) });
      app = await mkdtemp(join(tmpdir(), "authwire-mcp-verify-"));
      await mkdir(join(app, "convex"));
      await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: { convex: "1.48.0" } }));
      await writeFile(
        join(app, "convex/auth.config.ts"),
        'export default { providers: [{ domain: process.env.IDP_DOMAIN!, applicationID: "convex" }] };\n',
      );
    });
    afterAll(async () => {
      await issuer?.close();
      if (app) await rm(app, { recursive: true, force: true });
    });
    const claims = () => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: `${issuer.url}/idp`, sub: "user_1", aud: "convex", iat: now - 5, exp: now + 600 };
    };

    it("accepts a token from the configured issuer and returns the identity", async () => {
      const token = await signToken(key, { claims: claims() });
      const result = await client.callTool({
        name: "verify_token",
        arguments: { cwd: app, token, env: { IDP_DOMAIN: `${issuer.url}/idp` } },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        accepted: true,
        identity: { tokenIdentifier: `${issuer.url}/idp|user_1` },
      });
    });

    it("says NoAuthProvider when the env points at another issuer", async () => {
      const token = await signToken(key, { claims: claims() });
      const result = await client.callTool({
        name: "verify_token",
        arguments: { cwd: app, token, env: { IDP_DOMAIN: "https://other.example.com" } },
      });
      expect(result.structuredContent).toMatchObject({ accepted: false, error: { code: "NoAuthProvider" } });
    });
  });

  it("apply_add refuses without confirm: true", async () => {
    const result = await client.callTool({
      name: "apply_add",
      arguments: { cwd: join(APPS, "vite-baseline"), provider: "clerk", confirm: false },
    });
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({ error: { code: "usage" } });
  });

  it("plan_add names the providers it knows when given an unknown one", async () => {
    const result = await client.callTool({
      name: "plan_add",
      arguments: { cwd: join(APPS, "vite-baseline"), provider: "okta" },
    });
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({
      error: { code: "usage", message: 'Unknown provider "okta".' },
    });
  });

  it("plan_users returns the users plan JSON and writes nothing", async () => {
    const result = await client.callTool({
      name: "plan_users",
      arguments: { cwd: join(APPS, "vite-convex-auth-done"), rbac: true },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      version: 1,
      provider: "convex-auth",
      rbac: true,
      applied: false,
      plan: [
        { action: "create", path: "convex/users.ts", by: "users" },
        { action: "modify", path: "convex/schema.ts", by: "users" },
        { action: "create", path: "convex/roles.ts", by: "users" },
      ],
    });
    expect(existsSync(join(APPS, "vite-convex-auth-done/convex/users.ts"))).toBe(false);
  });

  it("plan_protect lists every function with its decision; plan_users names authwire add when there is no auth", async () => {
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === "plan_protect")?.annotations?.readOnlyHint).toBe(true);
    const result = await client.callTool({ name: "plan_protect", arguments: { cwd: join(APPS, "vite-clerk-done") } });
    expect(result.structuredContent).toMatchObject({
      version: 1,
      provider: "clerk",
      plan: [],
      functions: [
        {
          file: "convex/tasks.ts",
          name: "list",
          action: "skip",
          reason: "already checks identity before touching data",
        },
        {
          file: "convex/tasks.ts",
          name: "add",
          action: "skip",
          reason: "already checks identity before touching data",
        },
      ],
    });
    const none = await client.callTool({ name: "plan_users", arguments: { cwd: join(APPS, "vite-baseline") } });
    expect(none.isError).toBe(true);
    expect(JSON.parse((none.content as { text: string }[])[0]!.text)).toMatchObject({ error: { code: "unsupported" } });
  });

  it("rejects a call without the required cwd", async () => {
    const result = await client.callTool({ name: "detect", arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/Input validation error.*cwd/);
  });
});

/** Structured content of a successful call (fails the test with the tool's error otherwise). */
function structured(result: Awaited<ReturnType<Client["callTool"]>>): any {
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent;
}

function toolError(result: Awaited<ReturnType<Client["callTool"]>>): { code: string; message: string } {
  expect(result.isError).toBe(true);
  return JSON.parse((result.content as { text: string }[])[0]!.text).error;
}

describe("authwire mcp: doctor and explain_rule", () => {
  const client = new Client({ name: "authwire-test", version: "0.0.0" });
  let temp: ReturnType<typeof tempDir>;
  let standin: DeploymentStandin;

  beforeAll(async () => {
    temp = tempDir("authwire-mcp-");
    standin = await startDeploymentStandin();
    const env: Record<string, string> = { ...(process.env as Record<string, string>), CONVEX_DEPLOYMENT: "" };
    for (const name of ["CONVEX_SELF_HOSTED_URL", "CONVEX_SELF_HOSTED_ADMIN_KEY", "CONVEX_DEPLOY_KEY"])
      delete env[name];
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(ROOT, "dist/cli/main.js"), "mcp"],
        env,
        stderr: "pipe",
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    await standin.close();
    temp.cleanup();
  });

  it("doctor returns `doctor --json` as structured content", async () => {
    const json = structured(
      await client.callTool({ name: "doctor", arguments: { cwd: join(APPS, "vite-clerk-done"), offline: true } }),
    );
    expect(json).toMatchObject({
      version: 1,
      findings: [],
      summary: { error: 0, warning: 0, info: 0 },
      checklist: { provider: "clerk" },
    });
    expect(json.checklist.items.find((item: { id: string }) => item.id === "env-dev")).toMatchObject({
      status: "unknown",
      detail: expect.stringContaining("--offline"),
    });
  });

  it("doctor reads a devEnv dump and reports what the deployment lacks; only limits the rules", async () => {
    const dump = join(temp.dir, "dev.env");
    writeFileSync(dump, "SOMETHING_ELSE=1\n");
    const json = structured(
      await client.callTool({
        name: "doctor",
        arguments: { cwd: join(APPS, "vite-clerk-done"), offline: true, devEnv: dump, only: ["AW105"] },
      }),
    );
    expect(json.findings.map((finding: { code: string }) => finding.code)).toEqual(["AW105"]);
    expect(json.findings[0].message).toContain("CLERK_JWT_ISSUER_DOMAIN");
    expect(json.summary.error).toBe(1);
    const byString = structured(
      await client.callTool({
        name: "doctor",
        arguments: { cwd: join(APPS, "vite-clerk-done"), offline: true, devEnv: dump, only: "AW105,AW603" },
      }),
    );
    expect(byString.findings).toEqual(json.findings);
  });

  it("doctor with online fetches the issuer named in the env (local issuer on 127.0.0.1): AW114", async () => {
    const dump = join(temp.dir, "online.env");
    writeFileSync(dump, `CLERK_JWT_ISSUER_DOMAIN=${otherIssuer}\n`);
    const args = { cwd: join(APPS, "vite-clerk-done"), offline: true, devEnv: dump, only: "AW113,AW114,AW115" };
    const online = structured(await client.callTool({ name: "doctor", arguments: { ...args, online: true } }));
    expect(online.findings.map((finding: { code: string }) => finding.code)).toEqual(["AW114"]);
    expect(online.findings[0].message).toContain("https://login.example.com");
    expect(structured(await client.callTool({ name: "doctor", arguments: args })).findings).toEqual([]);
  });

  it("doctor errors are tool errors with the stable code", async () => {
    expect(
      toolError(
        await client.callTool({
          name: "doctor",
          arguments: { cwd: join(APPS, "vite-clerk-done"), offline: true, only: ["AW999"] },
        }),
      ).code,
    ).toBe("usage");
    expect(
      toolError(
        await client.callTool({
          name: "doctor",
          arguments: { cwd: join(APPS, "vite-clerk-done"), devEnv: join(temp.dir, "missing.env") },
        }),
      ).code,
    ).toBe("usage");
  });

  it("stand-in: doctor reads the live deployment env through the real convex CLI (stand-in deployment on 127.0.0.1)", async () => {
    const root = copyFixture("apps/vite-clerk-done", join(temp.dir, "live"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    writeFileSync(
      join(root, ".env.local"),
      `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}\n`,
    );
    standin.vars.clear();
    standin.vars.set("CLERK_JWT_ISSUER_DOMAIN", "https://happy-otter-1.clerk.accounts.dev");
    standin.vars.set("CLERK_SECRET_KEY", "sk_test_mcpStandinSecret0123456789abcdef");
    const result = await client.callTool({ name: "doctor", arguments: { cwd: root } });
    const json = structured(result);
    expect(json.checklist.items.find((item: { id: string }) => item.id === "env-dev")).toMatchObject({
      status: "pass",
      detail: expect.stringContaining(standin.url),
    });
    expect(JSON.stringify(result)).not.toContain("sk_test_mcpStandinSecret0123456789abcdef");
    expect(standin.events.some((event) => event.kind === "list")).toBe(true);
  });

  it("explain_rule returns the rule's meta and its page, by code or name", async () => {
    const byCode = structured(await client.callTool({ name: "explain_rule", arguments: { code: "AW603" } }));
    expect(byCode).toMatchObject({
      code: "AW603",
      name: "user-lookup-by-email",
      category: "functions",
      severity: "error",
      fixable: true,
      docs: "docs/rules/user-lookup-by-email.md",
    });
    expect(byCode.page).toBe(readFileSync(join(ROOT, "docs/rules/user-lookup-by-email.md"), "utf8"));
    expect(Object.keys(byCode.messages).length).toBeGreaterThan(0);
    const byName = structured(
      await client.callTool({ name: "explain_rule", arguments: { code: "env-file-not-gitignored" } }),
    );
    expect(byName).toMatchObject({ code: "AW202", fixable: true });
    expect(byName.page).toContain("## Fix");
    expect(structured(await client.callTool({ name: "explain_rule", arguments: { code: "aw000" } }))).toMatchObject({
      name: "rule-crashed",
    });
    expect(toolError(await client.callTool({ name: "explain_rule", arguments: { code: "AW999" } })).code).toBe("usage");
  });
});
