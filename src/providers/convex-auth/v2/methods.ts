/**
 * Convex Auth v2's sign-in methods (`@convex-dev/auth` 2.x, docs/internals/convex-auth-v2.md#methods): the
 * components each mounts, its `setup*` call in convex/auth.ts, the app's `createUser` mutation,
 * the deployment env it needs, and the React hook its sign-in UI uses. One table: the backend,
 * env, sign-in component and doctor rules read it.
 */
import type { ImportSpec } from "../../../edit/index.ts";

/** What `--methods` takes on v2, in the order the plan and the sign-in UI list them. */
export const V2_METHODS = ["password", "email-password", "passkey", "github", "google", "apple"] as const;
export type V2Method = (typeof V2_METHODS)[number];

/** v1 methods that v2 doesn't offer, each with what to use instead. */
export const V1_ONLY_METHODS: Record<string, string> = {
  "resend-otp": "v2 has no email-code sign-in; use email-password (verification and recovery links go through Resend)",
  "magic-link": "v2 has no magic-link sign-in; use email-password",
  anonymous: "v2 does not export anonymous sign-in yet",
};

/** A component the app mounts in convex/convex.config.ts. */
export interface ComponentSpec {
  /** The default name (`components.<name>`), also the import's local name. */
  name: string;
  from: string;
  /** `app.use(x, { httpPrefix, env })` for OAuth components: component env name → app env name. */
  httpPrefix?: string;
  env?: Record<string, string>;
}

/** An env var the app declares in `defineApp({ env })`. */
export interface AppEnvSpec {
  name: string;
  optional?: boolean;
  secret?: boolean;
  /** What it is, for the plan. */
  reason: string;
}

export interface V2MethodSpec {
  method: V2Method;
  label: string;
  /** `method.name` the user callbacks receive. */
  methodName: string;
  components: ComponentSpec[];
  /** The server setup import and the exported functions, in `convex/auth.ts`. */
  setup: { from: string; fn: string; exports: string[] };
  /** The options object passed to `setup*(auth, { … })` (code). */
  options: string;
  /** The internal mutation in convex/users.ts and the profile validator it takes. */
  createUser: { name: string; profile: string; profileImport?: ImportSpec; insert: string };
  env: AppEnvSpec[];
  /** The functions that return a session, which Next's sign-in proxy serves (its allowlist). */
  ssrSignIn: string[];
  /** The React hook module and hook for the sign-in UI. */
  react: { from: string; hooks: string[] };
}

export const CORE_COMPONENT: ComponentSpec = { name: "auth", from: "@convex-dev/auth/convex.config.js" };
const USERNAME: ComponentSpec = { name: "authUsername", from: "@convex-dev/auth/components/username/convex.config.js" };
const PASSWORD: ComponentSpec = { name: "authPassword", from: "@convex-dev/auth/components/password/convex.config.js" };
export const RESEND_COMPONENT: ComponentSpec = { name: "resend", from: "@convex-dev/resend/convex.config.js" };

/** SITE_URL: the frontend origin OAuth redirects back to, passkeys are bound to, emailed links point at. */
export const SITE_URL_ENV: AppEnvSpec = {
  name: "SITE_URL",
  optional: true,
  reason: "the app's origin: OAuth returns there, passkeys are bound to it, emailed links point at it",
};

function oauth(
  method: "github" | "google" | "apple",
  label: string,
  profile: string,
  names: Record<string, string>,
  insert: string,
): V2MethodSpec {
  const Title = method.charAt(0).toUpperCase() + method.slice(1);
  const upper = method.toUpperCase();
  return {
    method,
    label,
    methodName: method,
    components: [
      {
        name: `auth${Title}`,
        from: `@convex-dev/auth/components/${method}/convex.config.js`,
        httpPrefix: `/oauth/${method}`,
        env: Object.fromEntries(Object.entries(names).map(([component]) => [component, `AUTH_${upper}_${component}`])),
      },
    ],
    setup: {
      from: `@convex-dev/auth/methods/${method}/server`,
      fn: `setup${Title}`,
      exports: [`startSignInWith${Title}`, `completeSignInWith${Title}`],
    },
    options: `{\n  component: components.auth${Title},\n  allowedRedirectOrigins: [siteUrl],\n}`,
    createUser: {
      name: `createUser${Title}`,
      profile,
      profileImport: { from: `@convex-dev/auth/methods/${method}/server`, named: [profile] },
      insert,
    },
    env: Object.entries(names).map(([component, reason]) => ({
      name: `AUTH_${upper}_${component}`,
      secret: component === "CLIENT_SECRET" || component === "PRIVATE_KEY",
      reason,
    })),
    ssrSignIn: [`completeSignInWith${Title}`],
    react: { from: `@convex-dev/auth/methods/${method}/react`, hooks: [`useSignInWith${Title}`] },
  };
}

export const V2_METHOD_SPECS: Record<V2Method, V2MethodSpec> = {
  password: {
    method: "password",
    label: "username and password",
    methodName: "usernamePassword",
    components: [USERNAME, PASSWORD],
    setup: {
      from: "@convex-dev/auth/methods/username-password/server",
      fn: "setupUsernamePassword",
      exports: ["signUpWithUsernamePassword", "signInWithUsernamePassword", "changePassword"],
    },
    options: "{\n  component: components.authPassword,\n  usernameComponent: components.authUsername,\n}",
    createUser: { name: "createUserPassword", profile: "v.object({})", insert: "{}" },
    env: [],
    ssrSignIn: ["signInWithUsernamePassword", "signUpWithUsernamePassword"],
    react: {
      from: "@convex-dev/auth/methods/username-password/react",
      hooks: ["useSignInWithUsernamePassword", "useSignUpWithUsernamePassword"],
    },
  },
  "email-password": {
    method: "email-password",
    label: "email and password",
    methodName: "emailPassword",
    components: [{ name: "authEmail", from: "@convex-dev/auth/components/email/convex.config.js" }, PASSWORD],
    setup: {
      from: "@convex-dev/auth/methods/email-password/server",
      fn: "setupEmailPassword",
      exports: [
        "signUpWithEmailPassword",
        "completeSignUpWithEmailPassword",
        "signInWithEmailPassword",
        "changePassword",
        "startPasswordRecovery",
        "checkPasswordRecovery",
        "completePasswordRecovery",
        "startChangeEmail",
        "completeChangeEmail",
      ],
    },
    options: `{
  component: components.authEmail,
  passwordComponent: components.authPassword,
  emailSender: {
    kind: "resend",
    sendEmail: components.resend.lib.sendEmail,
    apiKey: env.RESEND_API_KEY,
    // Resend's test sender delivers only to your own address until you verify a domain.
    from: "My App <onboarding@resend.dev>",
  },
  urls: {
    signUp: \`\${siteUrl}/validate-email\`,
    changeEmail: \`\${siteUrl}/confirm-email-change\`,
    recovery: \`\${siteUrl}/reset-password\`,
  },
}`,
    createUser: { name: "createUserEmailPassword", profile: "v.object({})", insert: "{}" },
    env: [{ name: "RESEND_API_KEY", secret: true, reason: "sends the verification and recovery emails (Resend)" }],
    ssrSignIn: ["signInWithEmailPassword", "completeSignUpWithEmailPassword", "completePasswordRecovery"],
    react: {
      from: "@convex-dev/auth/methods/email-password/react",
      hooks: ["useSignInWithEmailPassword", "useSignUpWithEmailPassword"],
    },
  },
  passkey: {
    method: "passkey",
    label: "username and passkey",
    methodName: "usernamePasskey",
    components: [{ name: "authPasskey", from: "@convex-dev/auth/components/passkey/convex.config.js" }, USERNAME],
    setup: {
      from: "@convex-dev/auth/methods/username-passkey/server",
      fn: "setupUsernamePasskey",
      exports: [
        "startSignInWithUsernamePasskey",
        "startAutofillSignInWithUsernamePasskey",
        "finishSignUpWithUsernamePasskey",
        "finishSignInWithUsernamePasskey",
        "listPasskeys",
        "renamePasskey",
        "startAddPasskey",
        "verifyAddPasskey",
        "finishAddPasskey",
        "startRemovePasskey",
        "finishRemovePasskey",
      ],
    },
    options: `{
  component: components.authPasskey,
  usernameComponent: components.authUsername,
  rpId: new URL(siteUrl).hostname,
  origin: siteUrl,
}`,
    createUser: { name: "createUserPasskey", profile: "v.object({})", insert: "{}" },
    env: [],
    ssrSignIn: ["finishSignUpWithUsernamePasskey", "finishSignInWithUsernamePasskey"],
    react: { from: "@convex-dev/auth/methods/username-passkey/react", hooks: ["useSignInWithUsernamePasskey"] },
  },
  github: oauth(
    "github",
    "GitHub",
    "vGithubProfile",
    { CLIENT_ID: "GitHub OAuth app client ID", CLIENT_SECRET: "GitHub OAuth app client secret" },
    "{ name: profile.name ?? profile.login, email: profile.email, image: profile.avatarUrl }",
  ),
  google: oauth(
    "google",
    "Google",
    "vGoogleProfile",
    { CLIENT_ID: "Google OAuth client ID", CLIENT_SECRET: "Google OAuth client secret" },
    "{ name: profile.name, email: profile.email, image: profile.picture }",
  ),
  apple: oauth(
    "apple",
    "Apple",
    "vAppleProfile",
    {
      CLIENT_ID: "Apple Services ID",
      TEAM_ID: "Apple developer team ID",
      KEY_ID: "Sign in with Apple key ID",
      PRIVATE_KEY: "Sign in with Apple private key (.p8, P-256)",
    },
    "{ email: profile.email }",
  ),
};

/** The methods that need SITE_URL in convex/auth.ts. */
export function needsSiteUrl(methods: readonly V2Method[]): boolean {
  return methods.some((method) => method !== "password");
}

/** `--methods` on v2: checked, in canonical order; v1-only and unknown names are returned separately. */
export function parseV2Methods(values: readonly string[] | undefined): {
  methods: V2Method[];
  v1Only: string[];
  unknown: string[];
} {
  const wanted = (values ?? ["password"]).map((value) => value.trim().toLowerCase()).filter(Boolean);
  const v1Only = wanted.filter((value) => value in V1_ONLY_METHODS);
  const unknown = wanted.filter(
    (value) => !(V2_METHODS as readonly string[]).includes(value) && !(value in V1_ONLY_METHODS),
  );
  const methods = V2_METHODS.filter((method) => wanted.includes(method));
  return { methods: methods.length > 0 || wanted.length > 0 ? methods : ["password"], v1Only, unknown };
}
