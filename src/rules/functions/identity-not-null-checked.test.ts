import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./identity-not-null-checked.ts";

const app = viteClerk();
const fn = (body: string) =>
  withFiles(app, {
    "convex/me.ts": `import { query } from "./_generated/server";\n\nexport const me = query({\n  args: {},\n  handler: async (ctx) => {\n${body}\n  },\n});\n`,
  });
ruleTester(rule, {
  valid: [
    { name: "checked with if (!identity)", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    { name: "template: optional chaining", files: app.files },
    {
      name: "near miss: inside if (identity)",
      files: fn(
        "    const identity = await ctx.auth.getUserIdentity();\n    if (identity) {\n      return identity.subject;\n    }\n    return null;",
      ),
    },
    {
      name: "near miss: identity && identity.name",
      files: fn("    const identity = await ctx.auth.getUserIdentity();\n    return identity && identity.name;"),
    },
  ],
  invalid: [
    {
      name: "subject read straight away",
      files: fn("    const identity = await ctx.auth.getUserIdentity();\n    return identity.subject;"),
      errors: [{ messageId: "unchecked", file: "convex/me.ts", line: 7 }],
    },
    {
      name: "non-null assertion on the call",
      files: fn("    return (await ctx.auth.getUserIdentity())!.tokenIdentifier;"),
      errors: [{ messageId: "unchecked", line: 6 }],
    },
    {
      name: "non-null reads on both sides of ?? in a template literal (the left is no null check)",
      files: fn(
        "    const identity = await ctx.auth.getUserIdentity();\n    return `Hello ${identity!.name ?? identity!.email}`;",
      ),
      errors: [{ messageId: "unchecked", line: 7, message: "identity!.name" }],
    },
    {
      name: "check comes after the use",
      files: fn(
        '    const identity = await ctx.auth.getUserIdentity();\n    const id = identity!.subject;\n    if (!identity) throw new Error("no");\n    return id;',
      ),
      errors: [{ messageId: "unchecked", line: 7 }],
    },
  ],
});
