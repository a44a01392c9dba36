import { readFileSync } from "node:fs";
import type { Output } from "../output.ts";

export async function run(_args: unknown[], _flags: Record<string, unknown>, _output: Output): Promise<number> {
  const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  const { serveStdio } = await import("../../mcp/server.ts");
  await serveStdio(version);
  // Serve until the client closes stdin.
  await new Promise<void>((resolve) => process.stdin.once("close", resolve));
  return 0;
}
