import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-missing.ts";

const NOTES = `import { query } from "./_generated/server";
import { v } from "convex/values";

export const mine = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("notes").collect();
  },
});
`;

ruleTester(rule, {
  valid: [
    { name: "Clerk app with auth.config.ts", files: viteClerk().files },
    { name: "near miss: plain ConvexProvider and no auth config", files: viteBaseline().files },
    {
      name: "near miss: auth.config.js instead of .ts",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": undefined,
        "convex/auth.config.js": "export default { providers: [] };\n",
      }),
    },
    {
      name: "near miss: a function that reads the identity only to show a name (the Vite template), with no auth config",
      files: withFiles(viteBaseline(), { "convex/notes.ts": NOTES.replace("if (!identity) return [];", "") }),
    },
    {
      name: "near miss: functions that ask for the identity, with auth.config.js",
      files: withFiles(viteBaseline(), {
        "convex/notes.ts": NOTES,
        "convex/auth.config.js": "export default { providers: [] };\n",
      }),
    },
  ],
  invalid: [
    {
      name: "ConvexProviderWithClerk without auth.config",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": undefined }),
      errors: [{ messageId: "missing", file: "src/main.tsx", line: 12 }],
    },
    {
      name: "a backend package (no SDK, no auth-aware provider) whose function asks who the caller is",
      files: withFiles(viteBaseline(), { "convex/notes.ts": NOTES }),
      errors: [{ messageId: "identityNeverSet", file: "convex/notes.ts", line: 4 }],
    },
  ],
});
