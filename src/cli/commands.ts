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
  /**
   * The command may write to the project (add, users, protect, doctor --fix). Before it runs, the
   * shell rolls back (or finishes) an apply an earlier run left interrupted.
   */
  writes?: boolean | ((flags: Record<string, unknown>) => boolean);
  subcommands?: CommandSpec[];
}

export const COMMANDS: CommandSpec[] = [
  {
    name: "detect",
    description: "print the project facts: framework, dev port, package manager, Convex folder, auth providers",
    load: () => import("./commands/detect.ts"),
  },
  {
    name: "doctor",
    description: "check the auth setup: config, deployment env (dev/prod), client wiring, functions",
    define(command) {
      command
        .option("--dev-env <file>", "the dev deployment's env (npx convex env list --include-values > FILE)")
        .option("--prod-env <file>", "the production deployment's env, same format")
        .option("--offline", "never read the live deployment")
        .option("--online", "also fetch each provider's discovery document and JWKS")
        .option("--only <codes>", "run only these rules (codes or names, comma-separated)")
        .option("--sarif", "print SARIF 2.1.0 for GitHub code scanning")
        .option("--fix", "apply the fixes of fixable findings (shows the plan first)");
    },
    load: () => import("./commands/doctor.ts"),
  },
  {
    name: "mcp",
    description: "serve authwire's operations as MCP tools on stdio, for coding agents",
    load: () => import("./commands/mcp.ts"),
  },
];
