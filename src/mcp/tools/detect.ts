import { z } from "zod";
import { detect } from "../../index.ts";
import { defineTool } from "../tool.ts";
import { DETECT, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "detect",
  title: "Detect project facts",
  description:
    "The facts authwire works from for a Convex app: package manager, framework and version, the dev server's real port and its source, the Convex functions folder, whether a deployment is configured, the auth providers in use with evidence, env files. Same JSON as `authwire detect --json`.",
  input: mcpInput(DETECT, z),
  readOnly: true,
  async run({ cwd }) {
    return (await detect({ cwd })).json;
  },
});
