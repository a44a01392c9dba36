import { query } from "./_generated/server";

export const list = query({
  handler: async ({ db }) => db.query("tasks").collect(),
});
