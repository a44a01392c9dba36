import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteAuth0, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./ui-gated-on-provider-state.ts";

const app = viteClerk();
const SIGNED_IN_APP = `import { SignedIn } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport default function App() {\n  return <SignedIn><Numbers /></SignedIn>;\n}\n\nfunction Numbers() {\n  const data = useQuery(api.myFunctions.listNumbers, { count: 1 });\n  return <p>{data?.numbers.length}</p>;\n}\n`;
/** A gardening app's functions: one reads no identity, one throws without it, two return a plain value. */
const GARDEN = `import { query } from "./_generated/server";
export const listPlants = query({ args: {}, handler: async (ctx) => ctx.db.query("plants").collect() });
export const myPlots = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Sign in first");
  return ctx.db.query("plots").withIndex("by_owner", (q) => q.eq("owner", identity.tokenIdentifier)).collect();
} });
export const gardener = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return ctx.db.query("gardeners").withIndex("by_token", (q) => q.eq("token", identity.tokenIdentifier)).unique();
} });
export const wateringStreak = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return 0;
  const days = await ctx.db.query("waterings").withIndex("by_owner", (q) => q.eq("owner", identity.tokenIdentifier)).collect();
  return days.length;
} });
`;
/** The garden's home page: a sign-in button for the signed out, and a list of what `fn` returns. */
const home = (fn: string) =>
  `import { SignedOut, SignInButton } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport function Home() {\n  const plants = useQuery(api.garden.${fn});\n  return (\n    <main>\n      <SignedOut><SignInButton /></SignedOut>\n      {plants === undefined ? <p>Loading…</p> : plants.map((p) => <p key={p._id}>{p.name}</p>)}\n    </main>\n  );\n}\n`;
/** A profile card inside <SignedIn> whose `body` renders `me` (users.gardener: null without identity). */
const profile = (body: string) =>
  `import { SignedIn } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport function Profile() {\n  return <SignedIn><Card /></SignedIn>;\n}\n\nfunction Card() {\n  const me = useQuery(api.garden.gardener);\n  ${body}\n}\n`;
/** A banner that shows the watering streak (0 without identity) to users Clerk says are signed in. */
const streak = (shown: string) =>
  `import { useAuth } from "@clerk/clerk-react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport function Streak() {\n  const { isSignedIn } = useAuth();\n  const days = useQuery(api.garden.wateringStreak);\n  return isSignedIn ? <p>{${shown}} days in a row</p> : null;\n}\n`;

/** Imports the components the cases write, as the app's pages would (a file nothing imports never renders). */
const USED = { "src/index.ts": 'export * from "./Home";\nexport * from "./Profile";\nexport * from "./Streak";\n' };

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
    {
      name: "near miss: <SignedOut> around a sign-in button on a page whose query reads no identity",
      files: withFiles(app, { "convex/garden.ts": GARDEN, "src/Home.tsx": home("listPlants") }),
    },
    {
      name: "the generated api's default export (older convex), cast: the query reads no identity",
      files: withFiles(app, {
        ...USED,
        "convex/garden.ts": GARDEN,
        "src/Home.tsx": home("listPlants")
          .replace('import { api } from "../convex/_generated/api";', 'import api from "../convex/_generated/api";')
          .replace("api.garden.listPlants", "(api as any).garden.listPlants"),
      }),
    },
    {
      name: "near miss: the signed-out null shows the same skeleton as loading",
      files: withFiles(app, {
        "convex/garden.ts": GARDEN,
        "src/Profile.tsx": profile(
          `return me === undefined || me === null ? <div className="skeleton" /> : <p>{me.name}</p>;`,
        ),
      }),
    },
    {
      name: "near miss: the signed-out 0 is the loading fallback (days ?? 0)",
      files: withFiles(app, { "convex/garden.ts": GARDEN, "src/Streak.tsx": streak("days ?? 0") }),
    },
    {
      name: "near miss: a check on the caller's row turns undefined and null away alike before anything reads it",
      files: withFiles(app, {
        "convex/garden.ts": GARDEN,
        "src/Profile.tsx": profile(
          `const isHead = me?.role === "head-gardener";\n  if (!isHead) return <p>Head gardeners only</p>;\n  return <Editor gardener={me} />;`,
        ),
      }),
    },
    {
      name: "near miss: a gated component nothing imports and no route loads (a leftover copy) never renders",
      files: withFiles(app, { "convex/garden.ts": GARDEN, "src/components/OldHome.tsx": home("myPlots") }),
    },
  ],
  invalid: [
    {
      name: "<SignedOut> on a page whose query throws without the token",
      files: withFiles(app, { ...USED, "convex/garden.ts": GARDEN, "src/Home.tsx": home("myPlots") }),
      errors: [{ messageId: "element", file: "src/Home.tsx", line: 9 }],
    },
    {
      name: "<SignedIn> around a card that shows 'no profile yet' for the signed-out null",
      files: withFiles(app, {
        ...USED,
        "convex/garden.ts": GARDEN,
        "src/Profile.tsx": profile(
          `if (me === undefined) return <div className="skeleton" />;\n  return me === null ? <p>No profile yet</p> : <p>{me.name}</p>;`,
        ),
      }),
      errors: [{ messageId: "element", file: "src/Profile.tsx", line: 6 }],
    },
    {
      name: "useAuth().isSignedIn beside a streak that shows the signed-out 0 as a count",
      files: withFiles(app, {
        ...USED,
        "convex/garden.ts": GARDEN,
        "src/Streak.tsx": streak(`days === undefined ? "…" : days`),
      }),
      errors: [{ messageId: "hook", file: "src/Streak.tsx", line: 6 }],
    },
    {
      name: "<SignedIn> around a card whose effect creates a profile when the caller's row is null",
      files: withFiles(app, {
        ...USED,
        "convex/garden.ts": GARDEN,
        "src/Profile.tsx": profile(
          `useEffect(() => { if (me === null) void create(); }, [me]);\n  const isHead = me?.role === "head-gardener";\n  if (!isHead) return <p>Head gardeners only</p>;\n  return <Editor gardener={me} />;`,
        ),
      }),
      errors: [{ messageId: "element", file: "src/Profile.tsx", line: 6 }],
    },
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
