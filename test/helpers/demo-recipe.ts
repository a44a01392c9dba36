/**
 * An internal demo recipe (not a real provider): wires a Vite app for a Clerk-like provider the
 * way real recipes will, to drive the engine end to end — edits of existing files, new files in
 * new folders, a local secret (so .gitignore gets its line), a dev deployment variable, a package
 * and a human step.
 */
import {
  addAuthConfigProvider,
  addImports,
  createFile,
  removeUnusedImport,
  replaceJsxElement,
  wrapJsxElement,
} from "../../src/edit/index.ts";
import { defineRecipe, humanStep } from "../../src/providers/define.ts";

const dashboard = humanStep(
  "Copy the keys from the Clerk dashboard",
  "https://dashboard.clerk.com/last-active?path=api-keys",
  "The publishable key goes to the browser; the issuer domain tells Convex whose tokens to trust.",
);

export const demoRecipe = defineRecipe({
  id: "demo-clerk",
  docs: "https://docs.convex.dev/auth/clerk",
  options: {
    publishableKey: { flag: "--clerk-publishable-key", description: "Clerk publishable key", obtainedBy: dashboard },
    issuer: { flag: "--clerk-issuer", description: "Clerk Frontend API URL", obtainedBy: dashboard },
    secretKey: { flag: "--clerk-secret-key", description: "Clerk secret key", secret: true, obtainedBy: dashboard },
    install: { flag: "--install-demo-package", description: "also install a package", type: "boolean" },
  },
  supports: (facts) =>
    facts.framework.name === "vite" ? "ok" : { unsupported: "the demo recipe only wires Vite apps" },
  plan(facts, options, kit) {
    const main = facts.entries.main ?? "src/main.tsx";
    kit.file(main, addImports({ from: "@clerk/react", named: ["ClerkProvider", "useAuth"] }));
    kit.file(main, addImports({ from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] }));
    kit.file(
      main,
      replaceJsxElement({
        element: "ConvexProvider",
        name: "ConvexProviderWithClerk",
        props: { useAuth: "{useAuth}" },
      }),
    );
    kit.file(
      main,
      wrapJsxElement({
        element: "ConvexProviderWithClerk",
        wrapper: "ClerkProvider",
        props: { publishableKey: "{import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}" },
      }),
    );
    kit.file(main, removeUnusedImport({ from: "convex/react", name: "ConvexProvider" }));
    kit.file(
      `${facts.convex.dir}/auth.config.ts`,
      addAuthConfigProvider({ provider: { domain: { env: "CLERK_JWT_ISSUER_DOMAIN" }, applicationID: "convex" } }),
    );
    kit.file(
      "src/auth/SignedInOnly.tsx",
      createFile(
        [
          'import { Authenticated } from "convex/react";',
          'import type { ReactNode } from "react";',
          "",
          "export function SignedInOnly({ children }: { children: ReactNode }) {",
          "  return <Authenticated>{children}</Authenticated>;",
          "}",
          "",
        ].join("\n"),
        "add a SignedInOnly helper",
      ),
    );
    kit.env("VITE_CLERK_PUBLISHABLE_KEY", { target: "local", value: options.publishableKey, obtainedBy: dashboard });
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: options.secretKey, obtainedBy: dashboard });
    kit.env("CLERK_JWT_ISSUER_DOMAIN", {
      target: "dev",
      value: options.issuer,
      obtainedBy: dashboard,
      reason: "auth.config.ts reads it",
    });
    if (options.install) kit.install("is-number", "7.0.0");
    kit.humanStep(
      humanStep(
        "Activate the Convex integration in Clerk",
        "https://dashboard.clerk.com/apps/setup/convex",
        "Clerk only issues the `convex` JWT template once the integration is on.",
      ),
    );
  },
  nextSteps: () => ["Sign out and back in after activating the integration."],
});

export const DEMO_OPTIONS = {
  publishableKey: "pk_test_ZGVtby5jbGVyay5hY2NvdW50cy5kZXYk",
  issuer: "https://demo.clerk.accounts.dev",
  secretKey: "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b",
};
