import { query } from "./_generated/server";

export const list = query({
	args: {},
	async handler(ctx) {
		return await ctx.db.query("tasks").collect();
	},
});
