/**
 * What each sign-in method needs on the backend: the entry in `convexAuth({ providers })`, the
 * import that brings it (from @convex-dev/auth/providers/* or @auth/core/providers/*), the id the
 * client passes to `signIn`, and the deployment variables it reads (docs/internals/provider-setup.md#convex-auth).
 */
import type { ImportSpec } from "../../edit/index.ts";
import { METHODS, type Method } from "./options.ts";

export interface MethodSpec {
  method: Method;
  label: string;
  /** The provider id the client passes to `signIn(id, …)`. */
  providerId: string;
  /** The entry in `providers: [...]`. */
  entry: string;
  /** The module the entry's binding comes from, and how it is imported. */
  import: ImportSpec & { from: string };
  /** The binding the entry uses. */
  local: string;
  /** Deployment variables the method reads (besides the keys and SITE_URL). */
  env: string[];
}

export const METHOD_SPECS: Record<Method, MethodSpec> = {
  password: {
    method: "password",
    label: "email and password",
    providerId: "password",
    entry: "Password",
    import: { from: "@convex-dev/auth/providers/Password", named: ["Password"] },
    local: "Password",
    env: [],
  },
  github: {
    method: "github",
    label: "GitHub",
    providerId: "github",
    entry: "GitHub",
    import: { from: "@auth/core/providers/github", default: "GitHub" },
    local: "GitHub",
    env: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  },
  google: {
    method: "google",
    label: "Google",
    providerId: "google",
    entry: "Google",
    import: { from: "@auth/core/providers/google", default: "Google" },
    local: "Google",
    env: ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  },
  "resend-otp": {
    method: "resend-otp",
    label: "a code by email",
    providerId: "resend-otp",
    entry: "ResendOTP",
    import: { from: "./ResendOTP", named: ["ResendOTP"] },
    local: "ResendOTP",
    env: ["AUTH_RESEND_KEY"],
  },
  "magic-link": {
    method: "magic-link",
    label: "a link by email",
    providerId: "resend",
    // Resend's shared test sender only delivers to the account's own address until a domain is verified.
    entry: 'Resend({ from: "My App <onboarding@resend.dev>" })',
    import: { from: "@auth/core/providers/resend", default: "Resend" },
    local: "Resend",
    env: ["AUTH_RESEND_KEY"],
  },
  anonymous: {
    method: "anonymous",
    label: "a guest account",
    providerId: "anonymous",
    entry: "Anonymous",
    import: { from: "@convex-dev/auth/providers/Anonymous", named: ["Anonymous"] },
    local: "Anonymous",
    env: [],
  },
};

/** `--methods` checked and put in the canonical order; unknown names are returned separately. */
export function parseMethods(values: readonly string[] | undefined): { methods: Method[]; unknown: string[] } {
  const wanted = (values ?? ["password"]).map((value) => value.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((value) => !(METHODS as readonly string[]).includes(value));
  const methods = METHODS.filter((method) => wanted.includes(method));
  return { methods: methods.length > 0 || unknown.length > 0 ? methods : ["password"], unknown };
}

/** The email one-time-code provider: Convex Auth's `Email` sending through Resend's HTTP API (no SDK needed). */
export const RESEND_OTP_FILE = `import { Email } from "@convex-dev/auth/providers/Email";

/**
 * Sign-in codes by email, sent through Resend's HTTP API with the key in AUTH_RESEND_KEY.
 * Until you verify a domain in Resend, its test sender only delivers to your own address.
 */
export const ResendOTP = Email({
  id: "resend-otp",
  apiKey: process.env.AUTH_RESEND_KEY,
  maxAge: 60 * 15,
  async generateVerificationToken() {
    // Eight digits, each drawn without modulo bias.
    let code = "";
    while (code.length < 8) {
      const byte = crypto.getRandomValues(new Uint8Array(1))[0] ?? 255;
      if (byte < 250) code += String(byte % 10);
    }
    return code;
  },
  async sendVerificationRequest({ identifier: email, provider, token }) {
    const response = await fetch("https://api.resend.com/emails", {
      method: "POST",
      headers: { Authorization: \`Bearer \${provider.apiKey}\`, "Content-Type": "application/json" },
      body: JSON.stringify({
        from: "My App <onboarding@resend.dev>",
        to: [email],
        subject: "Your sign-in code",
        text: \`Your sign-in code is \${token}. It expires in 15 minutes.\`,
      }),
    });
    if (!response.ok) {
      throw new Error(\`Resend did not send the sign-in code: \${response.status} \${await response.text()}\`);
    }
  },
});
`;
