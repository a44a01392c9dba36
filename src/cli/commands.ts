/**
 * Every command's name, help and flags. Kept free of heavy imports so `authwire --help` and
 * `--version` stay cheap; each command's code is loaded only when it runs.
 */
import type { Command } from "commander";
import type { Output } from "./output.ts";

export interface CommandModule {
  /** Runs the command and returns the exit code. */
  run(args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number>;
}

export interface CommandSpec {
  name: string;
  description: string;
  define?(command: Command): void;
  load?(): Promise<CommandModule>;
  subcommands?: CommandSpec[];
}

export const COMMANDS: CommandSpec[] = [
  {
    name: "detect",
    description: "print the project facts: framework, dev port, package manager, Convex folder, auth providers",
    load: () => import("./commands/detect.ts"),
  },
  {
    name: "mcp",
    description: "serve authwire's operations as MCP tools on stdio, for coding agents",
    load: () => import("./commands/mcp.ts"),
  },
];
