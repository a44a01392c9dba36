/** Looks up the current user. */
export const current = 1;
