/**
 * The sign-in UI the recipe adds: Clerk's buttons, shown by Convex's auth state (`<Authenticated>`
 * means Convex accepted the token), not by Clerk's own state. A new file the app renders where it wants.
 */
export function authButtonsSource(clerkPackage: string, { useClient }: { useClient: boolean }): string {
  return [
    ...(useClient ? ['"use client";', ""] : []),
    `import { SignInButton, UserButton } from ${JSON.stringify(clerkPackage)};`,
    'import { AuthLoading, Authenticated, Unauthenticated } from "convex/react";',
    "",
    "/** Sign in, or the user menu: gated on Convex's auth state, so it shows what Convex accepted. */",
    "export function AuthButtons() {",
    "  return (",
    "    <>",
    "      <AuthLoading>…</AuthLoading>",
    "      <Unauthenticated>",
    '        <SignInButton mode="modal" />',
    "      </Unauthenticated>",
    "      <Authenticated>",
    "        <UserButton />",
    "      </Authenticated>",
    "    </>",
    "  );",
    "}",
    "",
  ].join("\n");
}
