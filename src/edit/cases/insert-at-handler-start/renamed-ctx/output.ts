import { query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (context, args) => {
    const identity = await context.auth.getUserIdentity();
    return await context.db.query("tasks").collect();
  },
});
