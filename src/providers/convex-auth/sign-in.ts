/**
 * A small sign-in component for the chosen methods, gated with Convex's own <AuthLoading>,
 * <Unauthenticated> and <Authenticated> (never the provider's state): a password form with
 * sign-up, OAuth buttons, the two-step email code flow, the magic-link form, a guest button and a
 * sign-out button. Generated as TSX the app owns and can restyle.
 */
import { METHOD_SPECS } from "./methods.ts";
import type { Method } from "./options.ts";

const ERROR = `{error && <p role="alert">{error}</p>}`;

const PARTS: Record<Method, { element: string; code: string }> = {
  password: {
    element: "<PasswordSignIn />",
    code: `function PasswordSignIn() {
  const { signIn } = useAuthActions();
  const [flow, setFlow] = useState<"signIn" | "signUp">("signIn");
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    formData.set("flow", flow);
    setError(null);
    signIn("password", formData).catch((reason: Error) => setError(reason.message));
  };
  return (
    <form onSubmit={onSubmit}>
      <input type="email" name="email" placeholder="Email" autoComplete="email" required />
      <input
        type="password"
        name="password"
        placeholder="Password"
        autoComplete={flow === "signIn" ? "current-password" : "new-password"}
        minLength={8}
        required
      />
      <button type="submit">{flow === "signIn" ? "Sign in" : "Sign up"}</button>
      <button type="button" onClick={() => setFlow(flow === "signIn" ? "signUp" : "signIn")}>
        {flow === "signIn" ? "Create an account" : "I have an account"}
      </button>
      ${ERROR}
    </form>
  );
}`,
  },
  github: { element: `<OAuthSignIn provider="github" label="GitHub" />`, code: "" },
  google: { element: `<OAuthSignIn provider="google" label="Google" />`, code: "" },
  "resend-otp": {
    element: "<EmailCodeSignIn />",
    code: `function EmailCodeSignIn() {
  const { signIn } = useAuthActions();
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setError(null);
    signIn("${METHOD_SPECS["resend-otp"].providerId}", formData)
      .then(() => setEmail(String(formData.get("email"))))
      .catch((reason: Error) => setError(reason.message));
  };
  if (email === null) {
    return (
      <form onSubmit={onSubmit}>
        <input type="email" name="email" placeholder="Email" autoComplete="email" required />
        <button type="submit">Email me a code</button>
        ${ERROR}
      </form>
    );
  }
  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="email" value={email} />
      <input name="code" placeholder="Code from the email" inputMode="numeric" autoComplete="one-time-code" required />
      <button type="submit">Sign in</button>
      <button type="button" onClick={() => setEmail(null)}>
        Use another email
      </button>
      ${ERROR}
    </form>
  );
}`,
  },
  "magic-link": {
    element: "<MagicLinkSignIn />",
    code: `function MagicLinkSignIn() {
  const { signIn } = useAuthActions();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    signIn("${METHOD_SPECS["magic-link"].providerId}", new FormData(event.currentTarget))
      .then(() => setSent(true))
      .catch((reason: Error) => setError(reason.message));
  };
  if (sent) return <p>Check your email for a sign-in link.</p>;
  return (
    <form onSubmit={onSubmit}>
      <input type="email" name="email" placeholder="Email" autoComplete="email" required />
      <button type="submit">Email me a sign-in link</button>
      ${ERROR}
    </form>
  );
}`,
  },
  anonymous: {
    element: "<GuestSignIn />",
    code: `function GuestSignIn() {
  const { signIn } = useAuthActions();
  return (
    <button type="button" onClick={() => void signIn("${METHOD_SPECS.anonymous.providerId}")}>
      Continue as a guest
    </button>
  );
}`,
  },
};

const OAUTH = `function OAuthSignIn({ provider, label }: { provider: string; label: string }) {
  const { signIn } = useAuthActions();
  return (
    <button type="button" onClick={() => void signIn(provider)}>
      Sign in with {label}
    </button>
  );
}`;

/** The component's source. `client` adds Next's "use client" directive (App Router). */
export function signInComponent(methods: Method[], { client }: { client: boolean }): string {
  const stateful = methods.some(
    (method) => method === "password" || method === "resend-otp" || method === "magic-link",
  );
  const oauth = methods.some((method) => method === "github" || method === "google");
  const labels = methods.map((method) => METHOD_SPECS[method].label);
  const lines = [
    ...(client ? ['"use client";', ""] : []),
    'import { useAuthActions } from "@convex-dev/auth/react";',
    'import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";',
    ...(stateful ? ['import { useState, type FormEvent } from "react";'] : []),
    "",
    "/**",
    ` * Sign-in with ${labels.join(", ")} (Convex Auth), added by authwire.`,
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
    ...methods.flatMap((method) => (PARTS[method].code ? ["", PARTS[method].code] : [])),
    ...(oauth ? ["", OAUTH] : []),
    "",
  ];
  return lines.join("\n");
}
