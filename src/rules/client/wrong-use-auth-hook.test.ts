import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import {
  nextClerk,
  nextClerkLocalWrapper,
  nextWorkos,
  viteClerk,
  viteWorkos,
  withFiles,
} from "../../../test/helpers/projects.ts";
import rule from "./wrong-use-auth-hook.ts";

const vite = viteClerk();
const next = nextClerk();
/** The bridge's useAuth from the React SDK beside the layout's <ClerkProvider> from @clerk/nextjs. */
const HOOK_FROM_CLERK_REACT = next.files["components/ConvexClientProvider.tsx"]!.replace(
  'from "@clerk/nextjs"',
  'from "@clerk/clerk-react"',
);
/** An npm lockfile whose @clerk/nextjs is built on `base`. */
const lockWith = (base: string) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: { "node_modules/@clerk/nextjs": { version: "6.0.0", dependencies: { [base]: "^5.0.0" } } },
  });
ruleTester(rule, {
  valid: [
    { name: "Clerk useAuth from the same package", files: vite.files },
    { name: "WorkOS Vite", files: viteWorkos().files },
    { name: "near miss: Next WorkOS passes a local adapter hook to ConvexProviderWithAuth", files: nextWorkos().files },
    {
      name: "near miss: ClerkProvider from a local wrapper (@/providers/ClerkProvider) of @clerk/nextjs",
      files: nextClerkLocalWrapper(),
    },
    {
      name: "near miss: a browser extension beside the app renders its own ClerkProvider (@clerk/chrome-extension); the app's bridge pairs with the app's",
      files: withFiles(vite, {
        "extension/popup.tsx":
          'import { ClerkProvider, SignIn } from "@clerk/chrome-extension";\nexport function Popup() {\n  return <ClerkProvider publishableKey="pk_test_x"><SignIn /></ClerkProvider>;\n}\n',
      }),
    },
    {
      name: "near miss: useAuth from @clerk/clerk-react with ClerkProvider from @clerk/nextjs 6, built on it (package-lock)",
      files: withFiles(next, {
        "components/ConvexClientProvider.tsx": HOOK_FROM_CLERK_REACT,
        "package-lock.json": lockWith("@clerk/clerk-react"),
      }),
    },
    {
      name: "near miss: the same with no lockfile or install to tell (unknown is not an error)",
      files: withFiles(next, { "components/ConvexClientProvider.tsx": HOOK_FROM_CLERK_REACT }),
    },
  ],
  invalid: [
    {
      name: "useAuth from @clerk/clerk-react with ClerkProvider from @clerk/nextjs 7, built on @clerk/react (package-lock)",
      files: withFiles(next, {
        "components/ConvexClientProvider.tsx": HOOK_FROM_CLERK_REACT,
        "package-lock.json": lockWith("@clerk/react"),
      }),
      errors: [{ messageId: "otherClerkPackage", file: "components/ConvexClientProvider.tsx" }],
    },
    {
      name: "useAuth from another framework SDK (@clerk/clerk-expo) with ClerkProvider from @clerk/nextjs",
      files: withFiles(next, {
        "components/ConvexClientProvider.tsx": next.files["components/ConvexClientProvider.tsx"]!.replace(
          'from "@clerk/nextjs"',
          'from "@clerk/clerk-expo"',
        ),
      }),
      errors: [{ messageId: "otherClerkPackage", file: "components/ConvexClientProvider.tsx" }],
    },
    {
      name: "WorkOS useAuth handed to the Clerk bridge",
      files: withFiles(vite, {
        "src/main.tsx": vite.files["src/main.tsx"]!.replace(
          'import { ClerkProvider, useAuth } from "@clerk/clerk-react";',
          'import { ClerkProvider } from "@clerk/clerk-react";\nimport { useAuth } from "@workos-inc/authkit-react";',
        ),
      }),
      errors: [{ messageId: "wrongModule", file: "src/main.tsx" }],
    },
    {
      name: "raw Clerk hook on the generic bridge, and a bridge without useAuth",
      files: withFiles(vite, {
        "src/main.tsx": vite.files["src/main.tsx"]!.replace(
          'import { ConvexReactClient } from "convex/react";',
          'import { ConvexReactClient, ConvexProviderWithAuth } from "convex/react";',
        )
          .replace(
            "<ConvexProviderWithClerk client={convex} useAuth={useAuth}>",
            "<ConvexProviderWithAuth client={convex} useAuth={useAuth}>",
          )
          .replace("</ConvexProviderWithClerk>", "</ConvexProviderWithAuth>"),
        "src/Other.tsx": `import { ConvexProviderWithClerk } from "convex/react-clerk";\nexport const X = (p: any) => <ConvexProviderWithClerk client={p.c}>{p.children}</ConvexProviderWithClerk>;\n`,
      }),
      errors: [
        { messageId: "rawHook", file: "src/main.tsx" },
        { messageId: "missing", file: "src/Other.tsx" },
      ],
    },
  ],
});
