import { z } from "zod";
import { runDoctor } from "../../index.ts";
import { defineTool } from "../tool.ts";
import { DOCTOR, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "doctor",
  title: "Check the auth setup",
  description:
    "Runs authwire's doctor rules on a Convex app: auth.config, each deployment's env (dev and prod), the client wiring, the Convex functions. Returns the same JSON as `authwire doctor --json`: findings with stable codes (AW101…), file:line, the fix and whether `authwire doctor --fix` can apply it; the summary; the setup checklist (✔/✘/? per step, with the reason for ?). Reads the deployments' env live through the project's convex CLI unless offline or env dumps are given; never prints a value.",
  input: mcpInput(DOCTOR, z),
  readOnly: true,
  async run({ cwd, offline, online, devEnv, prodEnv, only }) {
    const result = await runDoctor({
      cwd,
      offline,
      online,
      devEnv,
      prodEnv,
      only: only === undefined ? undefined : [only].flat(),
    });
    return result.json;
  },
});
