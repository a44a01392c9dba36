/**
 * Both shells take their arguments from one schema per operation: every MCP tool's input is the
 * operation's schema, and every command's flags are the operation's CLI flags (none by hand).
 */
import { Command } from "commander";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandSpec } from "../cli/commands.ts";
import { TOOLS } from "../mcp/server.ts";
import { COMMON_OPTIONS, RECIPE_OPTIONS } from "../providers/index.ts";
import type { RecipeOptions } from "../providers/define.ts";
import {
  OPERATIONS,
  PLAN_ADD,
  addProviderOperation,
  cliFlagOf,
  cliOptions,
  flagOf,
  mcpInput,
  type OperationSpec,
} from "./index.ts";

function commandSpec(path: string[]): CommandSpec | undefined {
  let specs = COMMANDS;
  let found: CommandSpec | undefined;
  for (const name of path) {
    found = specs.find((spec) => spec.name === name);
    specs = found?.subcommands ?? [];
  }
  return found;
}

const jsonSchema = (shape: z.ZodRawShape) => z.toJSONSchema(z.object(shape));

describe("one schema per operation", () => {
  it("every MCP tool has an operation", () => {
    const named = new Set(OPERATIONS.map((op) => op.tool));
    expect(TOOLS.map((tool) => tool.name).filter((name) => !named.has(name))).toEqual([]);
  });

  describe.each(OPERATIONS.map((op) => [op.tool ?? op.command.join(" "), op] as [string, OperationSpec]))(
    "%s",
    (_name, op) => {
      it.runIf(op.tool !== undefined)("the MCP tool's input is the operation's schema", () => {
        const tool = TOOLS.find((candidate) => candidate.name === op.tool);
        expect(tool, op.tool).toBeDefined();
        const expected = mcpInput(op, z) as z.ZodRawShape;
        expect(Object.keys(tool!.input).sort()).toEqual(Object.keys(expected).sort());
        expect(jsonSchema(tool!.input)).toEqual(jsonSchema(expected));
      });

      it.runIf(op.command.length > 0)("the command's flags are the operation's, named after its fields", () => {
        const spec = commandSpec(op.command);
        expect(spec?.define, op.command.join(" ")).toBeDefined();
        const command = new Command(op.command.join(" "));
        spec!.define!(command, []);
        // add without a provider also has the options every recipe takes.
        const extra = op.command[0] === "add" ? cliOptions(addProviderOperation("")) : [];
        const flags = command.options.map((option) => option.long);
        expect(flags).toEqual([...cliOptions(op), ...extra].map((option) => option.long));
        const fromFields = Object.entries(op.fields).flatMap(([key, field]) =>
          field.cli ? [cliFlagOf(key, field.cli)] : [],
        );
        expect(flags.slice(0, fromFields.length)).toEqual(fromFields);
        // A field both shells take has the same name on both sides.
        for (const [key, field] of Object.entries(op.fields))
          if (field.schema && field.cli) expect(flags).toContain(cliFlagOf(key, field.cli));
      });
    },
  );

  describe.each(Object.keys(RECIPE_OPTIONS))("add %s", (provider) => {
    const options: RecipeOptions = { ...COMMON_OPTIONS, ...RECIPE_OPTIONS[provider as keyof typeof RECIPE_OPTIONS] };
    const define = (argv: string[]) => {
      const command = new Command("add");
      commandSpec(["add"])!.define!(command, argv);
      return command;
    };

    it("`authwire add <provider>` has the engine's flags, then the provider's, from the operations", () => {
      const command = define(["add", provider]);
      const expected = [...cliOptions(PLAN_ADD), ...cliOptions(addProviderOperation(provider))];
      expect(command.options.map((option) => option.long)).toEqual(expected.map((option) => option.long));
      // Each recipe option is its key's flag (a secret only through stdin), with its description.
      const help = command.helpInformation();
      for (const [key, option] of Object.entries(options)) {
        expect(option.flag, key).toBe(flagOf(key));
        const long = option.secret ? `${option.flag}-stdin` : option.flag;
        expect(
          command.options.some((candidate) => candidate.long === long),
          long,
        ).toBe(true);
        expect(command.options.some((candidate) => candidate.long === option.flag && option.secret)).toBe(false);
        expect(help).toContain(long);
      }
    });

    it("plan_add's options take every option of the provider, with the CLI flag's type", () => {
      const schema = z.object(mcpInput(PLAN_ADD, z));
      const shape = jsonSchema(mcpInput(PLAN_ADD, z)) as unknown as {
        properties: { options: { properties: Record<string, { type?: string; description?: string }> } };
      };
      for (const [key, option] of Object.entries(options)) {
        const property = shape.properties.options.properties[key];
        expect(property, key).toBeDefined();
        const type = option.type ?? "string";
        expect(property!.type).toBe(type === "list" ? "array" : type);
        expect(property!.description).toContain(option.secret ? `${option.flag}-stdin` : option.flag);
      }
      // A mistyped value is refused by the schema; an unknown key reaches add's own check (it names the options).
      const sample = Object.entries(options).find(([, option]) => (option.type ?? "string") === "string");
      if (sample) expect(schema.safeParse({ cwd: "/x", provider, options: { [sample[0]]: true } }).success).toBe(false);
      expect(schema.safeParse({ cwd: "/x", provider, options: { noSuchOption: "x" } }).success).toBe(true);
    });
  });

  it("add without a provider lists no provider's flags; with one, not another's", () => {
    const flags = (argv: string[]) => {
      const command = new Command("add");
      commandSpec(["add"])!.define!(command, argv);
      return command.options.map((option) => option.long);
    };
    expect(flags(["add"])).not.toContain("--clerk-publishable-key");
    expect(flags(["add", "clerk"])).toContain("--clerk-publishable-key");
    expect(flags(["add", "auth0"])).not.toContain("--clerk-publishable-key");
    expect(flags(["add", "clerk"])).toContain("--no-env");
  });

  it("flag names follow the keys", () => {
    expect(flagOf("devEnv")).toBe("--dev-env");
    expect(flagOf("saveStorageState")).toBe("--save-storage-state");
  });
});
