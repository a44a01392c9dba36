/** One MCP tool: a name, a zod input shape, and a call into the library that returns the CLI's JSON. */
import type { z } from "zod";

export interface ToolSpec<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  /** Tools that only read say so, so clients may run them without asking. */
  readOnly: boolean;
  run(args: z.infer<z.ZodObject<Shape>>): Promise<unknown>;
}

export function defineTool<Shape extends z.ZodRawShape>(spec: ToolSpec<Shape>): ToolSpec<Shape> {
  return spec;
}
