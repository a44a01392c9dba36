import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import rule from "./convex-auth-v2-subject-as-user-id.ts";

const app = viteConvexAuthV2();
const fn = (body: string) => `import { query } from "./_generated/server";

export const mine = query({
  args: {},
  handler: async (ctx) => {
${body}
  },
});
`;
ruleTester(rule, {
  valid: [
    { name: "getAuthUserId", files: app.files },
    {
      name: "near miss: identity read for its issuer only",
      files: {
        ...app.files,
        "convex/mine.ts": fn(
          "    const identity = await ctx.auth.getUserIdentity();\n    return identity?.issuer ?? null;",
        ),
      },
    },
  ],
  invalid: [
    {
      name: "subject used to fetch the user",
      files: {
        ...app.files,
        "convex/mine.ts": fn(
          '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    return await ctx.db.query("users").filter((q) => q.eq(q.field("_id"), identity.subject)).first();',
        ),
      },
      errors: [{ messageId: "subject", file: "convex/mine.ts", line: 8 }],
    },
    {
      name: "v1's split of sub",
      files: {
        ...app.files,
        "convex/mine.ts": fn(
          '    const [userId] = (await ctx.auth.getUserIdentity())!.subject.split("|");\n    return userId;',
        ),
      },
      errors: [{ messageId: "subject", file: "convex/mine.ts", line: 6 }],
    },
  ],
});
