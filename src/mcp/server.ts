/**
 * `authwire mcp`: the library's operations as MCP tools on stdio. Each tool returns the same JSON
 * as the CLI's `--json` as structured content; failures are tool errors carrying authwire's stable
 * error codes. Nothing here prompts: an operation that needs a human returns its steps instead.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AuthwireError } from "../errors.ts";
import type { ToolSpec } from "./tool.ts";
import { applyAddTool, planAddTool } from "./tools/add.ts";
import detect from "./tools/detect.ts";
import doctor from "./tools/doctor.ts";
import explainRule from "./tools/explain-rule.ts";
import planProtect from "./tools/protect.ts";
import planUsers from "./tools/users.ts";
import verifyLogin from "./tools/verify-login.ts";
import verifyToken from "./tools/verify-token.ts";

export const TOOLS: ToolSpec<any>[] = [
  detect,
  doctor,
  verifyToken,
  verifyLogin,
  planAddTool,
  applyAddTool,
  planUsers,
  planProtect,
  explainRule,
];

function errorResult(error: unknown) {
  const body =
    error instanceof AuthwireError
      ? error.toJSON()
      : { code: "internal", message: error instanceof Error ? error.message : String(error) };
  return { isError: true, content: [{ type: "text" as const, text: JSON.stringify({ error: body }, null, 2) }] };
}

export function createServer(version: string): McpServer {
  const server = new McpServer({ name: "authwire", version });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: tool.readOnly, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => {
        try {
          const result = (await tool.run(args)) as Record<string, unknown>;
          return {
            structuredContent: result,
            content: [{ type: "text" as const, text: JSON.stringify(result, null, 2) }],
          };
        } catch (error) {
          return errorResult(error);
        }
      },
    );
  }
  return server;
}

export async function serveStdio(version: string): Promise<void> {
  const server = createServer(version);
  await server.connect(new StdioServerTransport());
}
