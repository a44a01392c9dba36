import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextWorkos, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-callback-route-missing.ts";

const app = nextWorkos();
ruleTester(rule, {
  valid: [
    { name: "app/callback/route.ts exists", files: app.files },
    { name: "near miss: Vite needs no route file", files: viteWorkos().files },
    {
      name: "near miss: the route sits in route groups (app/(auth)/callback/route.ts)",
      files: withFiles(app, {
        "app/callback/route.ts": undefined,
        "app/(auth)/callback/route.ts": app.files["app/callback/route.ts"]!,
      }),
    },
    {
      name: "the redirect only in .env.example (the real one in the host's env), served by a catch-all route",
      files: withFiles(app, {
        "app/callback/route.ts": undefined,
        "app/api/auth/[...authkit]/route.ts": app.files["app/callback/route.ts"]!,
        ".env.local": app.files[".env.local"]!.replace(/^.*WORKOS_REDIRECT_URI.*\n/m, ""),
        ".env.example": "WORKOS_REDIRECT_URI=http://localhost:3000/api/auth/callback\n",
        "convex.json": "{}",
      }),
    },
  ],
  invalid: [
    {
      name: "near miss of a catch-all: app/api/[...slug] does not serve /auth/callback; a real .env.local beats the template",
      files: withFiles(app, {
        "app/callback/route.ts": undefined,
        "app/api/[...slug]/route.ts": app.files["app/callback/route.ts"]!,
        ".env.example": "WORKOS_REDIRECT_URI=http://localhost:3000/api/auth/callback\n",
        ".env.local": "WORKOS_REDIRECT_URI=http://localhost:3000/auth/callback\n",
        "convex.json": "{}",
      }),
      errors: [{ messageId: "missing", file: ".env.local", message: "/auth/callback" }],
      output: { "app/auth/callback/route.ts": app.files["app/callback/route.ts"]! },
    },
    {
      name: "route missing (created)",
      files: withFiles(app, { "app/callback/route.ts": undefined }),
      errors: [{ messageId: "missing", message: "app/callback/route.ts" }],
      output: { "app/callback/route.ts": app.files["app/callback/route.ts"]! },
    },
    {
      name: "redirect to /auth/callback, route at /callback (created at app/auth/callback)",
      files: withFiles(app, {
        ".env.local": "NEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/auth/callback\n",
        "convex.json": "{}",
      }),
      errors: [{ messageId: "missing", file: ".env.local", message: "/auth/callback" }],
      output: { "app/auth/callback/route.ts": app.files["app/callback/route.ts"]! },
    },
    {
      name: "redirect to the site root: reported, no fix (a route.ts at the root would clash with the page)",
      files: withFiles(app, {
        ".env.local": "NEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/\n",
        "convex.json": "{}",
      }),
      errors: [{ messageId: "missing", message: "app/route.ts" }],
    },
  ],
});
