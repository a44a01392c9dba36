import { z } from "zod";
import { verifyToken } from "../../index.ts";
import { defineTool } from "../tool.ts";

export default defineTool({
  name: "verify_token",
  title: "Judge a token as Convex would",
  description:
    "Judges one JWT against the app's convex/auth.config.ts with the Convex backend's own rules: the provider it routes to, every check with expected and actual values, Convex's error code and message, the fix, and the identity ctx.auth.getUserIdentity() would return. Same JSON as `authwire verify token --json`. The deployment's env is read live through the project's convex CLI (values never returned) unless offline; `env` adds or overrides values. `accepted` is false with outcome `undetermined` when a needed input (an env value, the network) was missing.",
  input: {
    cwd: z.string().describe("Absolute path of the app's folder"),
    token: z.string().describe("The JWT (a `Bearer ` prefix is tolerated)"),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe("The deployment's env values the config reads, NAME → value"),
    prod: z.boolean().optional().describe("Judge against the production deployment"),
    offline: z.boolean().optional().describe("No live env read and no network: judge what needs neither"),
  },
  readOnly: true,
  async run({ cwd, token, env, prod, offline }) {
    return (await verifyToken({ cwd, token, env, prod, offline })).verdict;
  },
});
