import { query } from './_generated/server'

export const me = query({
  args: {},
  handler: async (ctx) => {
    const me = await ctx.auth.getUserIdentity()
    if (!me) return null
    return ctx.db.query('users').withIndex('by_token', (q) => q.eq('tokenIdentifier', me.tokenIdentifier)).first()
  },
})
