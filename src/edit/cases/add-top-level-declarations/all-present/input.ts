import { query } from "./_generated/server";

export async function me(ctx: any) {
  return null;
}

export const current = query({ args: {}, handler: async (ctx) => me(ctx) });
