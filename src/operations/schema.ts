/**
 * One input schema per operation, the single source of both shells' arguments: the MCP tool's
 * input shape (src/mcp/tools) and the command's flags (src/cli/commands.ts) are derived from it,
 * so a field can't exist, or be spelled, on one side only. A field's CLI flag is its key in
 * kebab-case (`devEnv` → `--dev-env`); `cwd` is the CLI's global --cwd. The MCP schemas are
 * built from the zod the caller passes, so the CLI's start (`--help`) doesn't load zod.
 */
import { Option, type Command } from "commander";
import type { z } from "zod";

export type Zod = typeof z;

export interface CliFlag {
  /** The value placeholder (`<file>`); absent for a boolean flag. */
  value?: string;
  /** The help line (the MCP description is the schema's own `.describe()`). */
  help: string;
  /** Collect every occurrence into a list (`--env A=1 --env B=2`). */
  repeatable?: boolean;
  /** A fixed set of values. */
  choices?: readonly string[];
  required?: boolean;
  /** A default-on switch: the flag is `--no-<key>` (commander then gives the key `false`). */
  negate?: boolean;
  /** A secret read from stdin: the flag is `--<key>-stdin` (a secret is never an argument). */
  stdin?: boolean;
}

export interface FieldSpec {
  /** Builds the MCP input schema of the field (with its description); undefined: CLI only. */
  schema?: (zod: Zod) => z.ZodType;
  /** The CLI flag; undefined: MCP only (cwd is the global --cwd, a token also a positional). */
  cli?: CliFlag;
}

export interface OperationSpec<Fields extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  /** The MCP tool's name (stable, design.md "MCP tools"); absent for a CLI-only command (keys). */
  tool?: string;
  /** The CLI command path (`["verify", "token"]`). */
  command: string[];
  fields: Fields;
}

export function defineOperation<Fields extends Record<string, FieldSpec>>(
  spec: OperationSpec<Fields>,
): OperationSpec<Fields> {
  return spec;
}

type McpKeys<Fields> = {
  [K in keyof Fields]: Fields[K] extends { schema: (zod: Zod) => z.ZodType } ? K : never;
}[keyof Fields];

/** The MCP tool's input shape: every field with a schema. */
export function mcpInput<Fields extends Record<string, FieldSpec>>(
  spec: OperationSpec<Fields>,
  zod: Zod,
): { [K in McpKeys<Fields>]: Fields[K] extends { schema: (zod: Zod) => infer S } ? S : never } {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(spec.fields)) if (field.schema) shape[key] = field.schema(zod);
  return shape as never;
}

/** The CLI flag of a field key: `devEnv` → `--dev-env`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The flag a field's CLI side is spelled as: `--dev-env`, `--no-install`, `--clerk-secret-key-stdin`. */
export function cliFlagOf(key: string, cli: CliFlag): string {
  const flag = flagOf(key);
  if (cli.negate) return `--no-${flag.slice(2)}`;
  return cli.stdin ? `${flag}-stdin` : flag;
}

/** The operation's CLI flags as commander options, in the order of its fields. */
export function cliOptions(spec: OperationSpec): Option[] {
  return Object.entries(spec.fields).flatMap(([key, field]) => {
    const cli = field.cli;
    if (!cli) return [];
    const flag = cliFlagOf(key, cli);
    const option = new Option(cli.value ? `${flag} ${cli.value}` : flag, cli.help);
    if (cli.choices) option.choices(cli.choices);
    if (cli.required) option.makeOptionMandatory();
    if (cli.repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
    return [option];
  });
}

/** Adds the operation's flags to a command. */
export function addCliOptions(command: Command, spec: OperationSpec): Command {
  for (const option of cliOptions(spec)) command.addOption(option);
  return command;
}
