import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./user-lookup-without-index.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "withIndex by_token", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    {
      name: "near miss: .filter on a non-identity field",
      files: withFiles(app, {
        "convex/tasks.ts": `import { query } from "./_generated/server";\nexport const open = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), false)).collect() });\n`,
      }),
    },
    {
      name: "near miss: the caller found in a document's own array (a room's few players), after an indexed user lookup",
      files: withFiles(app, {
        "convex/rooms.ts": `import { v } from "convex/values";\nimport { query } from "./_generated/server";\n\nexport const mySeat = query({\n  args: { roomId: v.id("rooms") },\n  handler: async (ctx, args) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    const room = await ctx.db.get(args.roomId);\n    if (!room) return null;\n    const players = room.players;\n    return players.find((player) => player.clerkId === identity.subject) ?? room.guests.find((guest) => guest.clerkId === identity.subject);\n  },\n});\n`,
      }),
    },
  ],
  invalid: [
    {
      name: ".filter on tokenIdentifier and a scan on subject",
      files: withFiles(app, {
        "convex/users.ts": `import { query } from "./_generated/server";\n\nexport const me = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    const byFilter = await ctx.db.query("users").filter((q) => q.eq(q.field("tokenIdentifier"), identity.tokenIdentifier)).first();\n    const all = await ctx.db.query("users").collect();\n    return byFilter ?? all.find((user) => user.externalId === identity.subject);\n  },\n});\n`,
      }),
      errors: [
        { messageId: "filter", line: 8, message: "tokenIdentifier" },
        { messageId: "scan", line: 10, message: "externalId" },
      ],
    },
  ],
});
