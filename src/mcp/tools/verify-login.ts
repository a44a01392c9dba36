import { z } from "zod";
import { verifyLogin } from "../../index.ts";
import { defineTool } from "../tool.ts";
import { VERIFY_LOGIN, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "verify_login",
  title: "Capture and judge the app's real login token",
  description:
    "Opens the app's URL in headless Chromium, captures the token its Convex client sends (sync WebSocket Authenticate, or Authorization: Bearer) and the Convex deployment's real answer, then judges the same token against convex/auth.config.ts as verify_token does and flags any disagreement (an auth.config not pushed yet, a network difference, or an authwire bug). Same JSON as `authwire verify login --json`; the raw token is never returned. When the browser isn't signed in, `humanSteps` says how a human signs in (the CLI's --headed, or a saved --storage-state file to pass as storageState).",
  input: mcpInput(VERIFY_LOGIN, z),
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
