/**
 * The small client pieces `add better-auth` creates: the Better Auth client (`authClient`) and a
 * sign-in form for the chosen methods, gated on Convex's own auth state (<Authenticated>), as
 * the component's docs advise (not on Better Auth's useSession).
 */
import type { BetterAuthMethod } from "./options.ts";

/** `lib/auth-client.ts`: cross-domain to the deployment for an SPA, same-origin (proxied) otherwise. */
export function authClientSource({
  spa,
  envExpression,
  typescript,
}: {
  spa: boolean;
  envExpression: string;
  typescript: boolean;
}): string {
  return [
    `import { ${spa ? "convexClient, crossDomainClient" : "convexClient"} } from "@convex-dev/better-auth/client/plugins";`,
    ...(typescript ? ['import type { AuthClient } from "@convex-dev/better-auth/react";'] : []),
    'import { createAuthClient } from "better-auth/react";',
    "",
    ...(spa
      ? [
          "// The SPA calls Better Auth on the deployment's HTTP Actions URL (.convex.site), cross-domain.",
          "export const authClient = createAuthClient({",
          `  baseURL: ${envExpression},`,
          "  plugins: [convexClient(), crossDomainClient()],",
          "});",
        ]
      : [
          "// Same origin: the app's /api/auth route proxies to the deployment.",
          "export const authClient = createAuthClient({",
          "  plugins: [convexClient()],",
          "});",
        ]),
    "",
    "// The same client for <ConvexBetterAuthProvider>: @convex-dev/better-auth 0.12.5 types that prop so that",
    "// clients of better-auth >= 1.6.18 fail to type-check (get-convex/better-auth#393); only the type differs.",
    `export const providerAuthClient = authClient${typescript ? " as unknown as AuthClient" : ""};`,
    "",
  ].join("\n");
}

/** A sign-in / sign-up form (email and password) with a button per social provider, and sign-out. */
export function signInSource({
  methods,
  authClientImport,
  useClient,
  typescript,
}: {
  methods: BetterAuthMethod[];
  authClientImport: string;
  useClient: boolean;
  typescript: boolean;
}): string {
  const password = methods.includes("password");
  const social = methods.filter((method) => method !== "password");
  const label = (method: string) => (method === "github" ? "GitHub" : "Google");
  const ts = typescript;
  return [
    ...(useClient ? ['"use client";', ""] : []),
    ...(password ? [`import { useState${ts ? ", type FormEvent" : ""} } from "react";`] : []),
    'import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";',
    `import { authClient } from "${authClientImport}";`,
    "",
    "export function SignIn() {",
    ...(password
      ? [
          `  const [mode, setMode] = useState${ts ? '<"signIn" | "signUp">' : ""}("signIn");`,
          `  const [error, setError] = useState${ts ? "<string | null>" : ""}(null);`,
          "",
          `  async function submit(event${ts ? ": FormEvent<HTMLFormElement>" : ""}) {`,
          "    event.preventDefault();",
          "    const form = new FormData(event.currentTarget);",
          '    const email = String(form.get("email"));',
          '    const password = String(form.get("password"));',
          "    const { error } =",
          '      mode === "signUp"',
          '        ? await authClient.signUp.email({ email, password, name: String(form.get("name") || email) })',
          "        : await authClient.signIn.email({ email, password });",
          '    setError(error ? (error.message ?? "Could not sign in") : null);',
          "  }",
          "",
        ]
      : []),
    "  return (",
    "    <>",
    "      <AuthLoading>Loading…</AuthLoading>",
    "      <Authenticated>",
    "        <button onClick={() => void authClient.signOut()}>Sign out</button>",
    "      </Authenticated>",
    "      <Unauthenticated>",
    ...(password
      ? [
          "        <form onSubmit={(event) => void submit(event)}>",
          '          {mode === "signUp" && <input name="name" placeholder="Name" />}',
          '          <input name="email" type="email" placeholder="Email" required />',
          '          <input name="password" type="password" placeholder="Password" required minLength={8} />',
          '          <button type="submit">{mode === "signIn" ? "Sign in" : "Sign up"}</button>',
          '          <button type="button" onClick={() => setMode(mode === "signIn" ? "signUp" : "signIn")}>',
          '            {mode === "signIn" ? "Create an account" : "I have an account"}',
          "          </button>",
          "          {error && <p>{error}</p>}",
          "        </form>",
        ]
      : []),
    ...social.map(
      (method) =>
        `        <button onClick={() => void authClient.signIn.social({ provider: "${method}", callbackURL: "/" })}>Sign in with ${label(method)}</button>`,
    ),
    "      </Unauthenticated>",
    "    </>",
    "  );",
    "}",
    "",
  ].join("\n");
}
