/** `authwire mcp` over stdio, driven by the MCP SDK's own client, as an agent would use it. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test/fixtures/apps");

describe("authwire mcp", () => {
  const client = new Client({ name: "authwire-test", version: "0.0.0" });

  beforeAll(async () => {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(ROOT, "dist/cli/main.js"), "mcp"],
        env: { ...process.env, CONVEX_DEPLOYMENT: "" } as Record<string, string>,
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
    expect(JSON.parse(content!.text)).toMatchObject({ error: { code: "monorepo_root", details: { apps: ["apps/web", "packages/backend"] } } });
  });

  it("rejects a call without the required cwd", async () => {
    const result = await client.callTool({ name: "detect", arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/Input validation error.*cwd/);
  });
});
