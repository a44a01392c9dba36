import { z } from "zod";
import { runDoctor } from "../../index.ts";
import { defineTool } from "../tool.ts";

export default defineTool({
  name: "doctor",
  title: "Check the auth setup",
  description:
    "Runs authwire's doctor rules on a Convex app: auth.config, each deployment's env (dev and prod), the client wiring, the Convex functions. Returns the same JSON as `authwire doctor --json`: findings with stable codes (AW101…), file:line, the fix and whether `authwire doctor --fix` can apply it; the summary; the setup checklist (✔/✘/? per step, with the reason for ?). Reads the deployments' env live through the project's convex CLI unless offline or env dumps are given; never prints a value.",
  input: {
    cwd: z.string().describe("Absolute path of the app's folder"),
    offline: z
      .boolean()
      .optional()
      .describe("Never read the live deployments' env (their checks report ? unless devEnv/prodEnv are given)"),
    devEnv: z
      .string()
      .optional()
      .describe(
        "A dotenv dump of the dev deployment's env (`npx convex env list --include-values > FILE`), relative to cwd or absolute",
      ),
    prodEnv: z
      .string()
      .optional()
      .describe("The same for the production deployment (`npx convex env list --prod --include-values`)"),
    online: z
      .boolean()
      .optional()
      .describe("Also fetch each provider's discovery document and JWKS as Convex would (AW113–AW115, AW211)"),
    only: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe("Run only these rules: codes (AW603) or names, as a list or comma-separated"),
  },
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
