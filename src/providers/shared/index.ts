/**
 * Framework wiring the provider recipes share, parameterised by each provider's imports and JSX:
 * the Convex bridge in a client entry, Next's client provider + layout + middleware, TanStack
 * Start's start.ts, root route and router. Pure edits over src/edit; the recipes record them.
 */
export { convexBridgeEdit, otherBridgeIn, refuseBridgeElsewhere, refuseOtherBridge } from "./convex-bridge.ts";
export type { ConvexBridgeSpec, JsxElementSpec } from "./convex-bridge.ts";
export {
  locateNextClientProvider,
  nextClientProviderBaseline,
  planNextClientProvider,
  relativeImport,
} from "./next-app.ts";
export type { NextClientProvider, NextClientWiring } from "./next-app.ts";
export { nextMiddlewareEdit, nextMiddlewareSource } from "./next-middleware.ts";
export type { NextMiddlewareSpec } from "./next-middleware.ts";
export { startFilePath, startFileSource, startHasCsrfMiddleware, startMiddlewareEdit } from "./tanstack-start.ts";
export type { StartMiddlewareSpec } from "./tanstack-start.ts";
export { rootBeforeLoadEdit, rootProvidersEdit, rootRouteOptions } from "./tanstack-root.ts";
export type { RootBeforeLoadSpec, RootProvidersSpec } from "./tanstack-root.ts";
export { routerWrapEdit } from "./tanstack-router.ts";
export { rootContextTypeEdit, routerContextEdit } from "./tanstack-context.ts";
export { routeTreeEdit } from "./tanstack-route-tree.ts";
export type { RouteTreeEntry } from "./tanstack-route-tree.ts";
export type { RouterContextKey } from "./tanstack-context.ts";
export type { RouterWrapSpec } from "./tanstack-router.ts";
export { authConfigPath } from "./convex.ts";
