import { query } from "./_generated/server";

export const count = query({
  args: {},
  handler(ctx) {
    return ctx.db.query("notes").take(10);
  },
});
