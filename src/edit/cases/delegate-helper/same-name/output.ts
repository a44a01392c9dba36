import { getCurrentUser as getCurrentUserByToken } from "./users";

import type { QueryCtx } from "./_generated/server";

export const getCurrentUser = async (ctx: QueryCtx) => {
  return getCurrentUserByToken(ctx);
};
