import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteAuth0, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./ui-gated-on-provider-state.ts";

const app = viteClerk();
const SIGNED_IN_APP = `import { SignedIn } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport default function App() {\n  return <SignedIn><Numbers /></SignedIn>;\n}\n\nfunction Numbers() {\n  const data = useQuery(api.myFunctions.listNumbers, { count: 1 });\n  return <p>{data?.numbers.length}</p>;\n}\n`;
ruleTester(rule, {
  valid: [
    { name: "template: <Authenticated> gates the queries", files: app.files },
    {
      name: "near miss: <SignedIn> around UserButton in a header without queries",
      files: withFiles(app, {
        "src/Header.tsx": `import { SignedIn, UserButton } from "@clerk/clerk-react";\nexport function Header() { return <SignedIn><UserButton /></SignedIn>; }\n`,
      }),
    },
    {
      name: "near miss: useUser for the name next to a query",
      files: withFiles(app, {
        "src/Profile.tsx": `import { useUser } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nexport function Profile() { const { user } = useUser(); const n = useQuery("x" as any); return <p>{user?.fullName}{n}</p>; }\n`,
      }),
    },
    {
      name: "near miss: <SignedIn> around queries in an app that sends Convex no token (plain ConvexProvider: AW301's)",
      files: withFiles(app, {
        "src/main.tsx": (app.files["src/main.tsx"] as string)
          .replace('import { ConvexProviderWithClerk } from "convex/react-clerk";\n', "")
          .replace(
            'import { ConvexReactClient } from "convex/react";',
            'import { ConvexProvider, ConvexReactClient } from "convex/react";',
          )
          .replace("<ConvexProviderWithClerk client={convex} useAuth={useAuth}>", "<ConvexProvider client={convex}>")
          .replace("</ConvexProviderWithClerk>", "</ConvexProvider>"),
        "src/App.tsx": SIGNED_IN_APP,
      }),
    },
  ],
  invalid: [
    {
      name: "<SignedIn> around a component that queries",
      files: withFiles(app, {
        "src/App.tsx": SIGNED_IN_APP,
      }),
      errors: [{ messageId: "element", file: "src/App.tsx", line: 6 }],
    },
    {
      name: "useAuth0().isAuthenticated decides when to query",
      files: withFiles(viteAuth0(), {
        "src/App.tsx": `import { useAuth0 } from "@auth0/auth0-react";\nimport { useQuery } from "convex/react";\n\nexport default function App() {\n  const { isAuthenticated } = useAuth0();\n  const data = useQuery("x" as any, isAuthenticated ? {} : "skip");\n  return <p>{String(data)}</p>;\n}\n`,
      }),
      errors: [{ messageId: "hook", file: "src/App.tsx", line: 5 }],
    },
  ],
});
