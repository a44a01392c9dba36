import { v } from 'convex/values'
import { mutation } from './_generated/server'

export const add = mutation({
	args: { text: v.string() },
	handler: async (context, { text }) => {
		await context.db.insert('notes', { text })
	},
})
