/**
 * A small sign-in component for the chosen v2 methods, gated with Convex's own <AuthLoading>,
 * <Unauthenticated> and <Authenticated>: username + password (sign in / sign up), email +
 * password (sign in / sign up, which emails a link), a passkey by username, the OAuth buttons, and
 * a sign-out button. Each method's form uses its own v2 hook with the app's `api.auth`.
 */
import { V2_METHOD_SPECS, type V2Method } from "./methods.ts";

const ERROR = `{error && <p role="alert">{error}</p>}`;

const PARTS: Record<V2Method, { element: string; code: string }> = {
  password: {
    element: "<UsernamePasswordSignIn />",
    code: `function UsernamePasswordSignIn() {
  const { signIn, pending: signingIn } = useSignInWithUsernamePassword(api.auth);
  const { signUp, pending: signingUp } = useSignUpWithUsernamePassword(api.auth);
  const [flow, setFlow] = useState<"signIn" | "signUp">("signIn");
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const credentials = { username: String(data.get("username")), password: String(data.get("password")) };
    setError(null);
    const result = flow === "signIn" ? await signIn(credentials) : await signUp(credentials);
    if (result.status === "error") setError(result.userError.error);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)}>
      <input name="username" placeholder="Username" autoComplete="username" required />
      <input
        type="password"
        name="password"
        placeholder="Password"
        autoComplete={flow === "signIn" ? "current-password" : "new-password"}
        required
      />
      <button type="submit" disabled={signingIn || signingUp}>
        {flow === "signIn" ? "Sign in" : "Sign up"}
      </button>
      <button type="button" onClick={() => setFlow(flow === "signIn" ? "signUp" : "signIn")}>
        {flow === "signIn" ? "Create an account" : "I have an account"}
      </button>
      ${ERROR}
    </form>
  );
}`,
  },
  "email-password": {
    element: "<EmailPasswordSignIn />",
    code: `function EmailPasswordSignIn() {
  const { signIn, pending: signingIn } = useSignInWithEmailPassword(api.auth);
  const { signUp, pending: signingUp } = useSignUpWithEmailPassword(api.auth);
  const [flow, setFlow] = useState<"signIn" | "signUp">("signIn");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const credentials = { email: String(data.get("email")), password: String(data.get("password")) };
    setError(null);
    if (flow === "signIn") {
      const result = await signIn(credentials);
      if (result.status === "error") setError(result.userError.error);
      return;
    }
    const result = await signUp(credentials);
    if (result.success) setSentTo(credentials.email);
    else setError(result.userError.error);
  };
  if (sentTo !== null) return <p>We sent a link to {sentTo}. Open it in this browser to finish signing up.</p>;
  return (
    <form onSubmit={(event) => void onSubmit(event)}>
      <input type="email" name="email" placeholder="Email" autoComplete="email" required />
      <input
        type="password"
        name="password"
        placeholder="Password"
        autoComplete={flow === "signIn" ? "current-password" : "new-password"}
        required
      />
      <button type="submit" disabled={signingIn || signingUp}>
        {flow === "signIn" ? "Sign in" : "Sign up"}
      </button>
      <button type="button" onClick={() => setFlow(flow === "signIn" ? "signUp" : "signIn")}>
        {flow === "signIn" ? "Create an account" : "I have an account"}
      </button>
      ${ERROR}
    </form>
  );
}`,
  },
  passkey: {
    element: "<PasskeySignIn />",
    code: `function PasskeySignIn() {
  const { signIn, pending } = useSignInWithUsernamePasskey(api.auth);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const result = await signIn({ username: String(new FormData(event.currentTarget).get("username")) });
    if (result.status === "error") setError(result.userError.error);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)}>
      <input name="username" placeholder="Username" autoComplete="username webauthn" required />
      <button type="submit" disabled={pending}>
        {pending ? "Waiting for your passkey…" : "Continue with a passkey"}
      </button>
      ${ERROR}
    </form>
  );
}`,
  },
  github: oauthPart("Github", "GitHub"),
  google: oauthPart("Google", "Google"),
  apple: oauthPart("Apple", "Apple"),
};

function oauthPart(title: string, label: string): { element: string; code: string } {
  return {
    element: `<${title}SignIn />`,
    code: `function ${title}SignIn() {
  const { signIn } = useSignInWith${title}(api.auth);
  return (
    <button type="button" onClick={() => void signIn()}>
      Sign in with ${label}
    </button>
  );
}`,
  };
}

/** The component's source. `client` adds Next's "use client" directive; `apiPath` imports `api`. */
export function signInComponentV2(
  methods: V2Method[],
  { client, apiPath }: { client: boolean; apiPath: string },
): string {
  const stateful = methods.some(
    (method) => method === "password" || method === "email-password" || method === "passkey",
  );
  const hookImports = methods.map((method) => {
    const react = V2_METHOD_SPECS[method].react;
    return `import { ${react.hooks.join(", ")} } from "${react.from}";`;
  });
  const labels = methods.map((method) => V2_METHOD_SPECS[method].label);
  const lines = [
    ...(client ? ['"use client";', ""] : []),
    'import { useAuthActions } from "@convex-dev/auth/react";',
    ...hookImports,
    'import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";',
    ...(stateful ? ['import { useState, type FormEvent } from "react";'] : []),
    `import { api } from "${apiPath}";`,
    "",
    "/**",
    ` * Sign-in with ${labels.join(", ")} (Convex Auth v2), added by authwire.`,
    " * Render <SignIn /> anywhere inside the Convex Auth provider; restyle it as you like.",
    " */",
    "export function SignIn() {",
    "  return (",
    "    <>",
    "      <AuthLoading>Loading…</AuthLoading>",
    "      <Unauthenticated>",
    "        <SignInForm />",
    "      </Unauthenticated>",
    "      <Authenticated>",
    "        <SignOutButton />",
    "      </Authenticated>",
    "    </>",
    "  );",
    "}",
    "",
    "export function SignInForm() {",
    "  return (",
    "    <div>",
    ...methods.map((method) => `      ${PARTS[method].element}`),
    "    </div>",
    "  );",
    "}",
    "",
    "export function SignOutButton() {",
    "  const { signOut } = useAuthActions();",
    "  return (",
    '    <button type="button" onClick={() => void signOut()}>',
    "      Sign out",
    "    </button>",
    "  );",
    "}",
    ...methods.flatMap((method) => ["", PARTS[method].code]),
    "",
  ];
  return lines.join("\n");
}
