import { z } from "zod";
import { verifyLogin } from "../../index.ts";
import { defineTool } from "../tool.ts";

export default defineTool({
  name: "verify_login",
  title: "Capture and judge the app's real login token",
  description:
    "Opens the app's URL in headless Chromium, captures the token its Convex client sends (sync WebSocket Authenticate, or Authorization: Bearer) and the Convex deployment's real answer, then judges the same token against convex/auth.config.ts as verify_token does and flags any disagreement (an auth.config not pushed yet, a network difference, or an authwire bug). Same JSON as `authwire verify login --json`; the raw token is never returned. When the browser isn't signed in, `humanSteps` says how a human signs in (the CLI's --headed, or a saved --storage-state file to pass as storageState).",
  input: {
    cwd: z.string().describe("Absolute path of the app's folder (holds convex/auth.config.ts)"),
    url: z.string().describe("The running app's URL, e.g. http://localhost:5173"),
    timeout: z.number().positive().optional().describe("Seconds to wait for a token and Convex's answer (default 30)"),
    storageState: z
      .string()
      .optional()
      .describe("A Playwright storage-state file saved from a signed-in session (relative to cwd)"),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe("The deployment's env values the config reads, NAME → value"),
    devEnv: z.string().optional().describe("Dotenv dump of the dev deployment's env (relative to cwd)"),
    prodEnv: z.string().optional().describe("Dotenv dump of the prod deployment's env (relative to cwd)"),
    prod: z.boolean().optional().describe("Judge against the production deployment"),
    offline: z.boolean().optional().describe("Judge without fetching discovery/JWKS"),
  },
  readOnly: true,
  async run({ cwd, url, timeout, storageState, env, devEnv, prodEnv, prod, offline }) {
    const { json } = await verifyLogin({
      cwd,
      url,
      timeoutSeconds: timeout,
      storageState,
      env,
      devEnvFile: devEnv,
      prodEnvFile: prodEnv,
      prod,
      offline,
    });
    return json;
  },
});
