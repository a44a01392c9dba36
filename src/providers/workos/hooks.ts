/**
 * The adapter hook Next and TanStack Start need: their AuthKit SDKs expose `useAuth` (`user`,
 * `loading`) and `useAccessToken` (`getAccessToken`, `refresh`), while Convex's
 * `ConvexProviderWithAuth` wants `{ isLoading, isAuthenticated, fetchAccessToken }`, memoised,
 * with a fresh token when Convex asks for one (`forceRefreshToken`). (docs/internals/provider-setup.md#workos)
 */
import type { TopLevelCodeSpec } from "../../edit/index.ts";

export function authKitAdapterHook(name: string, from: string, typescript: boolean): TopLevelCodeSpec {
  const parameter = typescript ? "{ forceRefreshToken }: { forceRefreshToken: boolean }" : "{ forceRefreshToken }";
  return {
    name,
    position: "end",
    imports: [
      { from: "react", named: ["useCallback", "useMemo"] },
      { from, named: ["useAccessToken", "useAuth"] },
    ],
    code: `// Convex asks for the user's AuthKit access token through this hook (and for a fresh one when the old one expired).
function ${name}() {
  const { user, loading } = useAuth();
  const { getAccessToken, refresh } = useAccessToken();
  const fetchAccessToken = useCallback(
    async (${parameter}) => {
      if (!user) return null;
      try {
        return (forceRefreshToken ? await refresh() : await getAccessToken()) ?? null;
      } catch {
        return null;
      }
    },
    [user, refresh, getAccessToken],
  );
  return useMemo(() => ({ isLoading: loading, isAuthenticated: !!user, fetchAccessToken }), [loading, user, fetchAccessToken]);
}`,
  };
}
