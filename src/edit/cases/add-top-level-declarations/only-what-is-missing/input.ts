import { mutation } from './_generated/server'

export async function me(ctx) {
    return await ctx.auth.getUserIdentity()
}

export const store = mutation({
    args: {},
    handler: async (ctx) => {
        return await me(ctx)
    },
})
