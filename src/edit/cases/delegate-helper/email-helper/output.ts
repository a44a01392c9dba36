import { QueryCtx } from "../_generated/server";
import { getCurrentUserOrThrow } from "../users";

export async function getViewer(ctx: QueryCtx) {
  return getCurrentUserOrThrow(ctx);
}
