#!/usr/bin/env node
/**
 * The `authwire` shell: parses arguments, resolves the mode, loads only the command that runs,
 * renders its result and exits with design.md's codes. No logic lives here.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { ExitCode } from "../errors.ts";
import { COMMANDS, type CommandSpec } from "./commands.ts";
import { resolveMode, type GlobalFlags } from "./mode.ts";
import { createOutput, renderError } from "./output.ts";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

function buildProgram(
  onRun: (spec: CommandSpec, args: unknown[], command: Command) => void,
  argv: string[],
  writeErr: (text: string) => void,
): Command {
  const program = new Command("authwire")
    .description("Add, check and prove authentication in Convex apps.")
    .version(version, "-v, --version")
    .option("--cwd <dir>", "the app's folder (default: the current directory)")
    .option("--json", "machine-readable output on stdout, nothing else on stdout")
    .option("-y, --yes", "no prompts; accept the plan")
    .option("--no-color", "no colours (NO_COLOR is honoured too)")
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeErr, outputError: (text, write) => write(text) })
    .exitOverride();
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.description).exitOverride();
    spec.define?.(command, argv);
    if (spec.subcommands) {
      for (const sub of spec.subcommands) {
        const subcommand = command.command(sub.name).description(sub.description).exitOverride();
        sub.define?.(subcommand, argv);
        subcommand.action((...args: unknown[]) => onRun(sub, args, subcommand));
      }
    } else {
      command.action((...args: unknown[]) => onRun(spec, args, command));
    }
  }
  return program;
}

/** Every command's and subcommand's long flags, for "did you mean" on an unknown one. */
function allFlags(command: Command): string[] {
  return [
    ...command.options.map((option) => option.long).filter((flag): flag is string => Boolean(flag)),
    ...command.commands.flatMap(allFlags),
  ];
}

async function main(argv: string[]): Promise<number> {
  let selected: { spec: CommandSpec; args: unknown[]; command: Command } | undefined;
  const rawArgs = argv.slice(2);
  // Decided before parsing, so that the parser's own errors are JSON under --json too.
  const json = rawArgs.includes("--json");
  let parserError = "";
  const program = buildProgram(
    (spec, args, command) => {
      selected = { spec, args, command };
    },
    rawArgs,
    (text) => {
      parserError += text;
    },
  );
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) {
        process.stderr.write(parserError);
        return ExitCode.ok;
      }
      let message = error.message.replace(/^error: /, "");
      // commander suggests only near spellings: a flag that is the start of a real one gets it too
      // (`--clerk-secret-key` → `--clerk-secret-key-stdin`).
      const unknown = /unknown option '([^']+)'/.exec(message)?.[1];
      let suggestion: string | undefined;
      if (unknown && !/Did you mean/.test(message)) {
        const stem = unknown.split("=")[0]!;
        suggestion = [...new Set(allFlags(program))].find(
          (flag) => flag.startsWith(stem) || stem.startsWith(flag + "-"),
        );
        if (suggestion) message += `\n(Did you mean ${suggestion}?)`;
      }
      if (!json) {
        const said = suggestion
          ? parserError.replace(/^(error: .*\n)/, `$1(Did you mean ${suggestion}?)\n`)
          : parserError;
        process.stderr.write(said);
      }
      if (json) {
        const [first, ...rest] = message.split("\n");
        const hint = rest.join(" ").replace(/[()]/g, "").trim();
        process.stderr.write(
          `${JSON.stringify({ error: { code: "usage", message: first, ...(hint && { hint }), parser: error.code } }, null, 2)}\n`,
        );
      }
      return ExitCode.usage;
    }
    throw error;
  }
  if (!selected) {
    program.outputHelp();
    return ExitCode.usage;
  }
  const { spec, args, command } = selected;
  const flags = command.optsWithGlobals<GlobalFlags & Record<string, unknown>>();
  const mode = resolveMode(flags);
  const output = createOutput(mode);
  try {
    if (typeof spec.writes === "function" ? spec.writes(flags) : spec.writes) {
      // Before anything else: undo (or finish) an apply that an earlier run left half-done.
      const [{ recoverInterruptedApply }, { renderRecovery }] = await Promise.all([
        import("../changes/journal.ts"),
        import("./render/plan.ts"),
      ]);
      const note = renderRecovery(await recoverInterruptedApply(resolve(mode.cwd)), output.colors);
      if (note) output.note(note);
    }
    const module = await spec.load!();
    // commander passes the positional arguments, then the options object, then the command.
    return await module.run(args.slice(0, -2), flags, output);
  } catch (error) {
    return renderError(error, output);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`authwire failed unexpectedly: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = ExitCode.failed;
  },
);
