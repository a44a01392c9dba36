/**
 * Both shells take their arguments from one schema per operation: every MCP tool's input is the
 * operation's schema, and every command's flags are the operation's CLI flags (none by hand).
 */
import { Command } from "commander";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandSpec } from "../cli/commands.ts";
import { TOOLS } from "../mcp/server.ts";
import { OPERATIONS, cliOptions, flagOf, mcpInput, type OperationSpec } from "./index.ts";

/** plan_add / apply_add take the recipes' options (providers' RECIPE_OPTIONS, also add's flags). */
const RECIPE_TOOLS = new Set(["plan_add", "apply_add"]);

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
  it("every MCP tool but the recipe tools has an operation", () => {
    const named = new Set(OPERATIONS.map((op) => op.tool));
    expect(TOOLS.map((tool) => tool.name).filter((name) => !named.has(name) && !RECIPE_TOOLS.has(name))).toEqual([]);
  });

  describe.each(OPERATIONS.map((op) => [op.tool, op] as [string, OperationSpec]))("%s", (_name, op) => {
    it("the MCP tool's input is the operation's schema", () => {
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
      const flags = command.options.map((option) => option.long);
      expect(flags).toEqual(cliOptions(op).map((option) => option.long));
      const fromFields = Object.entries(op.fields)
        .filter(([, field]) => field.cli)
        .map(([key, field]) => flagOf(key, field.cli!.negated));
      expect(flags).toEqual(fromFields);
      // A field both shells take has the same name on both sides (`--no-client` for a negated `client`).
      for (const [key, field] of Object.entries(op.fields))
        if (field.schema && field.cli) expect(flags).toContain(flagOf(key, field.cli.negated));
    });
  });

  it("flag names follow the keys", () => {
    expect(flagOf("devEnv")).toBe("--dev-env");
    expect(flagOf("saveStorageState")).toBe("--save-storage-state");
  });
});
