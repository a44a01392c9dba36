/** `authwire/oidc`: HTTP with Convex's limits, discovery and JWKS, the backend's error wording. */
export { createFetcher } from "./http.ts";
export type { Fetcher, FetcherOptions, FetchLike, FetchRecord, HttpResult } from "./http.ts";
export { warmKeys } from "./warm.ts";
export type { WarmResult } from "./warm.ts";
export { CONVEX_ERRORS } from "./convex-errors.ts";
export type { ConvexError } from "./convex-errors.ts";
