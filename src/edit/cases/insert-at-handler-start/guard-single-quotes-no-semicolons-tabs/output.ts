import { v } from 'convex/values'
import { mutation } from './_generated/server'

export const add = mutation({
	args: { text: v.string() },
	handler: async (context, { text }) => {
		const identity = await context.auth.getUserIdentity()
		if (identity === null) {
			throw new Error('Not authenticated')
		}
		await context.db.insert('notes', { text })
	},
})
