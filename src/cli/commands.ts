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
    name: "verify",
    description: "prove that auth works: judge a token exactly as the Convex backend would",
    subcommands: [
      {
        name: "token",
        description: "judge a JWT against convex/auth.config.ts with Convex's own rules (exit 0 accepted, 1 rejected, 3 undetermined)",
        define(command) {
          command
            .argument("[jwt]", "the token, or - to read it from stdin (default when stdin is piped)")
            .option("--dev-env <file>", "the dev deployment's env (dotenv, from `npx convex env list --include-values`)")
            .option("--prod-env <file>", "the prod deployment's env (dotenv)")
            .option("--prod", "judge against the production deployment's env (errors redacted as in production)")
            .option("--env <NAME=VALUE>", "an env value of the deployment (repeatable; applied last)", (value: string, previous: string[] = []) => [...previous, value])
            .option("--offline", "no network: judge what needs no fetch and list what was skipped")
            .option("--now <seconds>", "judge at this unix time instead of now");
        },
        load: () => import("./commands/verify-token.ts"),
      },
    ],
  },
];
