import { verifyLogin } from "../../index.ts";
import { AuthwireError, ExitCode } from "../../errors.ts";
import type { Output } from "../output.ts";
import { renderLogin } from "../render/verify-login.ts";
import { parsePairs } from "./verify-token.ts";

/**
 * `authwire verify login --url URL`: exit 0 Convex accepted the token and authwire agrees,
 * 1 rejected (or Convex and authwire disagree), 3 a human step (not signed in, app not running)
 * or no answer, 2 usage.
 */
export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0))
    throw new AuthwireError("usage", `--timeout takes seconds, not ${String(flags.timeout)}.`);
  const { json, token } = await verifyLogin({
    cwd: output.mode.cwd,
    url: String(flags.url),
    headed: Boolean(flags.headed),
    timeoutSeconds: timeout,
    storageState: flags.storageState as string | undefined,
    userDataDir: flags.userDataDir as string | undefined,
    saveStorageState: flags.saveStorageState as string | undefined,
    executablePath: flags.browser as string | undefined,
    prod: Boolean(flags.prod),
    devEnvFile: flags.devEnv as string | undefined,
    prodEnvFile: flags.prodEnv as string | undefined,
    env: parsePairs((flags.env as string[] | undefined) ?? []),
    offline: Boolean(flags.offline),
  });
  if (output.mode.json) output.json(json);
  else output.line(renderLogin(json, token, output.colors));
  if (json.outcome === "accepted") return json.disagreement ? ExitCode.failed : ExitCode.ok;
  return json.outcome === "rejected" ? ExitCode.failed : ExitCode.humanStep;
}
