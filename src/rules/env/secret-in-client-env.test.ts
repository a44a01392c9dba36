import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextClerk, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./secret-in-client-env.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "publishable key in VITE_ var", files: app.files },
    { name: "near miss: secret key in a server-only var (Next)", files: nextClerk().files },
    {
      name: "near miss: placeholder in .env.example",
      files: withFiles(app, { ".env.example": "VITE_CLERK_SECRET_KEY=your-secret-here\n" }),
    },
    {
      name: "server-only code: a Next route handler, a server action, a script",
      files: withFiles(nextClerk(), {
        "app/api/upload/route.ts":
          "export async function POST() {\n  return Response.json({ key: process.env.NEXT_PUBLIC_OPENAI_API_KEY });\n}\n",
        "app/actions.ts":
          '"use server";\nexport async function ask() {\n  return process.env.NEXT_PUBLIC_OPENAI_API_KEY;\n}\n',
        "scripts/seed.ts": "console.log(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY);\n",
      }),
    },
    {
      name: "tests: a route's test and an end-to-end helper set a dummy key the test runner reads, and no bundle imports them",
      files: withFiles(nextClerk(), {
        "app/api/health/route.test.ts":
          'process.env.NEXT_PUBLIC_INGEST_API_KEY = "test";\nexport const key = process.env.NEXT_PUBLIC_INGEST_API_KEY;\n',
        "e2e/helpers.ts": "export const key = process.env.NEXT_PUBLIC_INGEST_API_KEY;\n",
      }),
    },
    {
      name: "a vendor key that is public by design (Cloudinary's api_key for signed uploads, a Mapbox access token, RevenueCat's SDK key, a key named public)",
      files: withFiles(nextClerk(), {
        "hooks/upload.ts":
          "export const apiKey = process.env.NEXT_PUBLIC_CLOUDINARY_API_KEY;\nexport const map = process.env.NEXT_PUBLIC_MAPBOX_TOKEN;\nexport const iap = process.env.NEXT_PUBLIC_REVENUECAT_APPLE_API_KEY;\nexport const voice = process.env.NEXT_PUBLIC_VAPI_PUBLIC_API_KEY;\n",
        "app/upload/page.tsx": 'export { apiKey, map, iap, voice } from "../../hooks/upload";\n',
      }),
    },
    {
      name: "an API key whose vendor pairs it with a secret kept on the server (a chat SDK's key and secret)",
      files: withFiles(nextClerk(), {
        ".env.local": "NEXT_PUBLIC_CHATKIT_API_KEY=k7x2mq9wz4pl\nCHATKIT_API_SECRET=not-in-the-bundle-9f8e7d\n",
        "components/Chat.tsx": '"use client";\nexport const key = process.env.NEXT_PUBLIC_CHATKIT_API_KEY;\n',
        "app/chat/page.tsx": 'export { key } from "@/components/Chat";\n',
        "app/api/chat/token/route.ts": "export const secret = process.env.CHATKIT_API_SECRET;\n",
      }),
    },
  ],
  invalid: [
    {
      name: "near miss of a key with its secret: the pair's secret half in a client variable; an API key with no secret beside it",
      files: withFiles(nextClerk(), {
        "components/Chat.tsx":
          '"use client";\nexport const key = process.env.NEXT_PUBLIC_CHATKIT_API_KEY;\nexport const secret = process.env.NEXT_PUBLIC_CHATKIT_API_SECRET;\nexport const ai = process.env.NEXT_PUBLIC_OPENAI_API_KEY;\n',
        "app/chat/page.tsx": 'export { key } from "@/components/Chat";\n',
      }),
      errors: [
        { messageId: "inCode", file: "components/Chat.tsx", line: 3, message: "NEXT_PUBLIC_CHATKIT_API_SECRET" },
        { messageId: "inCode", file: "components/Chat.tsx", line: 4, message: "NEXT_PUBLIC_OPENAI_API_KEY" },
      ],
    },
    {
      name: "one finding per variable: the env file's value first, not every read",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}VITE_OPENAI_API_KEY=sk-proj-abcdefghijklmnop\n`,
        "src/a.ts": "export const a = import.meta.env.VITE_OPENAI_API_KEY;\n",
        "src/b.ts": "export const b = import.meta.env.VITE_OPENAI_API_KEY;\n",
        "src/c.ts":
          "export const c = import.meta.env.VITE_STRIPE_SECRET_KEY;\nexport const d = import.meta.env.VITE_STRIPE_SECRET_KEY;\n",
        "src/d.ts": "export const e = import.meta.env.VITE_STRIPE_SECRET_KEY;\n",
        "src/index.ts": 'export * from "./a";\nexport * from "./b";\nexport * from "./c.ts";\nexport * from "./d";\n',
      }),
      errors: [
        {
          messageId: "inFile",
          file: ".env.local",
          message: /VITE_OPENAI_API_KEY.*Also in 2 other places: src\/a\.ts:1, src\/b\.ts:1\./,
        },
        { messageId: "inCode", file: "src/c.ts", line: 1, message: "Also in 2 other places: src/c.ts:2, src/d.ts:1." },
      ],
    },
    {
      name: "a client component beside server files is still client code",
      files: withFiles(nextClerk(), {
        "app/api/upload/route.ts": "export async function POST() {\n  return Response.json({});\n}\n",
        "app/chat/page.tsx":
          '"use client";\nexport default function Chat() {\n  return <p>{process.env.NEXT_PUBLIC_OPENAI_API_KEY}</p>;\n}\n',
      }),
      errors: [{ messageId: "inCode", file: "app/chat/page.tsx", line: 3 }],
    },
    {
      name: "near miss of the tests: a component named for what it tests (`TestPanel.tsx`) is client code",
      files: withFiles(nextClerk(), {
        "app/test/TestPanel.tsx":
          '"use client";\nexport default function TestPanel() {\n  return <p>{process.env.NEXT_PUBLIC_INGEST_API_KEY}</p>;\n}\n',
        "app/test/page.tsx":
          'import TestPanel from "./TestPanel";\nexport default function Page() {\n  return <TestPanel />;\n}\n',
      }),
      errors: [{ messageId: "inCode", file: "app/test/TestPanel.tsx", line: 3 }],
    },
    {
      name: "Clerk secret key in a VITE_ variable",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}VITE_CLERK_SECRET_KEY=sk_test_abcdefghijklmnop1234\n`,
      }),
      errors: [{ messageId: "inFile", file: ".env.local", line: 4, message: "sk_" }],
    },
    {
      name: "NEXT_PUBLIC_ WorkOS API key by name, and read in code",
      files: withFiles(app, {
        ".env": "NEXT_PUBLIC_WORKOS_API_KEY=something-long-enough\n",
        "src/api.ts":
          "export const key = import.meta.env.VITE_STRIPE_SECRET_KEY;\nexport const workos = process.env.NEXT_PUBLIC_WORKOS_API_KEY;\n",
        "src/main.tsx": `${app.files["src/main.tsx"]}import "./api";\n`,
      }),
      errors: [
        { messageId: "inFile", file: ".env", line: 1 },
        { messageId: "inCode", file: "src/api.ts", line: 1 },
      ],
    },
    {
      name: "near miss of the bundle: a secret by its name that no code names, a read in a file nothing imports (but a real key's shape is reported anyway)",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}VITE_FACEBOOK_APP_SECRET=f00dfeed1234\nVITE_STRIPE_SECRET_KEY=sk_live_abcdefghijklmnop1234\n`,
        "src/lib/leftover-utils.ts": "export const token = import.meta.env.VITE_TIPTAP_AI_TOKEN;\n",
      }),
      errors: [{ messageId: "inFile", file: ".env.local", line: 5, message: "VITE_STRIPE_SECRET_KEY" }],
    },
    {
      name: "a Vite file handing out the whole import.meta.env ships every VITE_ variable, named or not",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}VITE_FACEBOOK_APP_SECRET=f00dfeed1234\n`,
        "src/main.tsx": `${app.files["src/main.tsx"]}console.log({ ...import.meta.env });\n`,
      }),
      errors: [{ messageId: "inFile", file: ".env.local", line: 4, message: "VITE_FACEBOOK_APP_SECRET" }],
    },
  ],
});
