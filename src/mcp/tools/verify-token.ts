import { z } from "zod";
import { verifyToken } from "../../index.ts";
import { defineTool } from "../tool.ts";
import { VERIFY_TOKEN, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "verify_token",
  title: "Judge a token as Convex would",
  description:
    "Judges one JWT against the app's convex/auth.config.ts with the Convex backend's own rules: the provider it routes to, every check with expected and actual values, Convex's error code and message, the fix, and the identity ctx.auth.getUserIdentity() would return. Same JSON as `authwire verify token --json`. The deployment's env is read live through the project's convex CLI (values never returned) unless offline; `env` adds or overrides values. `accepted` is false with outcome `undetermined` when a needed input (an env value, the network) was missing.",
  input: mcpInput(VERIFY_TOKEN, z),
  readOnly: true,
  async run({ cwd, token, env, prod, offline }) {
    return (await verifyToken({ cwd, token, env, prod, offline })).verdict;
  },
});
