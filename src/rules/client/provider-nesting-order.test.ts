import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextClerk, nextClerkLocalWrapper, viteAuth0, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./provider-nesting-order.ts";

const vite = viteClerk();
const next = nextClerk();
ruleTester(rule, {
  valid: [
    { name: "Vite: ClerkProvider outside", files: vite.files },
    { name: "near miss: Next layout wraps the client provider in ClerkProvider", files: next.files },
    { name: "near miss: Auth0 order", files: viteAuth0().files },
    {
      name: "near miss: a local wrapper (@/providers/ClerkProvider renders Clerk's under another name) outside the bridge",
      files: nextClerkLocalWrapper(),
    },
  ],
  invalid: [
    {
      name: "Vite: bridge outside ClerkProvider",
      files: withFiles(vite, {
        "src/main.tsx": vite.files["src/main.tsx"]!.replace(
          "<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>",
          "<ConvexProviderWithClerk client={convex} useAuth={useAuth}>",
        )
          .replace(
            "      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>",
            "      <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>",
          )
          .replace(
            "      </ConvexProviderWithClerk>\n    </ClerkProvider>",
            "      </ClerkProvider>\n    </ConvexProviderWithClerk>",
          ),
      }),
      errors: [{ messageId: "inverted", file: "src/main.tsx", line: 12 }],
    },
    {
      name: "Next: ClerkProvider inside the imported ConvexClientProvider",
      files: withFiles(next, {
        "app/layout.tsx": next.files["app/layout.tsx"]!.replace(
          "<ClerkProvider dynamic>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>",
          "<ConvexClientProvider>\n          <ClerkProvider dynamic>{children}</ClerkProvider>\n        </ConvexClientProvider>",
        ),
      }),
      errors: [{ messageId: "inverted", file: "app/layout.tsx", line: 9 }],
    },
    {
      name: "the Convex client provider outside a local ClerkProvider wrapper",
      files: nextClerkLocalWrapper({ inverted: true }),
      errors: [{ messageId: "inverted", file: "app/layout.tsx", line: 9, message: "<ConvexClientProvider>" }],
    },
    {
      name: "bridge without any ClerkProvider",
      files: withFiles(next, {
        "app/layout.tsx": next.files["app/layout.tsx"]!.replace("<ClerkProvider dynamic>", "<>").replace(
          "</ClerkProvider>",
          "</>",
        ),
      }),
      errors: [{ messageId: "missingIdp", file: "components/ConvexClientProvider.tsx" }],
    },
  ],
});
