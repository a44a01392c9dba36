export const config = { providers: [] };
