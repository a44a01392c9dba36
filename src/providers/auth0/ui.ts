/**
 * The sign-in UI the recipe adds: Auth0's redirect login and logout, shown by Convex's auth state
 * (`<Authenticated>` means Convex accepted the ID token), not by Auth0's `isAuthenticated`.
 */
export function authButtonsSource({ useClient }: { useClient: boolean }): string {
  return [
    ...(useClient ? ['"use client";', ""] : []),
    'import { useAuth0 } from "@auth0/auth0-react";',
    'import { AuthLoading, Authenticated, Unauthenticated } from "convex/react";',
    "",
    "/** Log in / log out: gated on Convex's auth state, so it shows what Convex accepted. */",
    "export function AuthButtons() {",
    "  const { loginWithRedirect, logout, user } = useAuth0();",
    "  return (",
    "    <>",
    "      <AuthLoading>…</AuthLoading>",
    "      <Unauthenticated>",
    '        <button type="button" onClick={() => void loginWithRedirect()}>',
    "          Log in",
    "        </button>",
    "      </Unauthenticated>",
    "      <Authenticated>",
    '        {user?.email}{" "}',
    '        <button type="button" onClick={() => void logout({ logoutParams: { returnTo: window.location.origin } })}>',
    "          Log out",
    "        </button>",
    "      </Authenticated>",
    "    </>",
    "  );",
    "}",
    "",
  ].join("\n");
}
