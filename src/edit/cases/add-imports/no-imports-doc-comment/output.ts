import { query } from "./_generated/server";

/** Looks up the current user. */
export const current = 1;
