import { query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (context, args) => {
    return await context.db.query("tasks").collect();
  },
});
