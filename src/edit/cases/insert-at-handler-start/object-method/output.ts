import { query } from "./_generated/server";

export const list = query({
	args: {},
	async handler(ctx) {
		const identity = await ctx.auth.getUserIdentity();
		return await ctx.db.query("tasks").collect();
	},
});
