/**
 * Virtual projects shaped like the official Convex templates (get-convex/templates) and the
 * provider docs, correctly set up, with matching deployment env. Rule tests start from these and
 * break one thing; the precision test runs every rule over all of them.
 */
import { generateKeyPairSync } from "node:crypto";
import type { EnvValues } from "../../src/config/dotenv.ts";

export type Files = Record<string, string>;
export interface VirtualApp {
  files: Files;
  env: { dev?: EnvValues; prod?: EnvValues };
}

/** A Convex Auth key pair as `npx @convex-dev/auth` sets it: PKCS#8 with newlines as spaces + JWKS. */
export function convexAuthKeys(): { JWT_PRIVATE_KEY: string; JWKS: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString().trimEnd().replace(/\n/g, " ");
  const jwk = publicKey.export({ format: "jwk" });
  return { JWT_PRIVATE_KEY: pem, JWKS: JSON.stringify({ keys: [{ use: "sig", ...jwk }] }) };
}

let keys: { dev: ReturnType<typeof convexAuthKeys>; prod: ReturnType<typeof convexAuthKeys> } | undefined;
export function sharedKeys() {
  keys ??= { dev: convexAuthKeys(), prod: convexAuthKeys() };
  return keys;
}

export function clerkPublishableKey(host: string, instance: "test" | "live" = "test"): string {
  return `pk_${instance}_${Buffer.from(`${host}$`).toString("base64").replace(/=+$/, "")}`;
}

const pkg = (
  deps: Record<string, string>,
  dev: Record<string, string> = {},
  scripts: Record<string, string> = { dev: "vite" },
) =>
  JSON.stringify(
    { name: "app", private: true, type: "module", scripts, dependencies: deps, devDependencies: dev },
    null,
    2,
  );

const VITE_DEV = { vite: "^8.3.8", "@vitejs/plugin-react": "^6.3.0", typescript: "^5.9.3" };
const REACT = { react: "^19.3.1", "react-dom": "^19.3.1" };

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  numbers: defineTable({
    value: v.number(),
  }),
});
`;

const MY_FUNCTIONS = `import { v } from "convex/values";
import { query, mutation, action } from "./_generated/server";
import { api } from "./_generated/api";

export const listNumbers = query({
  args: { count: v.number() },
  handler: async (ctx, args) => {
    const numbers = await ctx.db.query("numbers").order("desc").take(args.count);
    return {
      viewer: (await ctx.auth.getUserIdentity())?.name ?? null,
      numbers: numbers.reverse().map((number) => number.value),
    };
  },
});

export const addNumber = mutation({
  args: { value: v.number() },
  handler: async (ctx, args) => {
    const id = await ctx.db.insert("numbers", { value: args.value });
    console.log("Added new document with id:", id);
  },
});

export const myAction = action({
  args: { first: v.number(), second: v.string() },
  handler: async (ctx, args) => {
    const data = await ctx.runQuery(api.myFunctions.listNumbers, { count: 10 });
    console.log(data);
    await ctx.runMutation(api.myFunctions.addNumber, { value: args.first });
  },
});
`;

const APP_TSX = `import { Authenticated, Unauthenticated, useMutation, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export default function App() {
  return (
    <main>
      <Authenticated>
        <Content />
      </Authenticated>
      <Unauthenticated>
        <p>Log in to see the numbers</p>
      </Unauthenticated>
    </main>
  );
}

function Content() {
  const { numbers } = useQuery(api.myFunctions.listNumbers, { count: 10 }) ?? {};
  const addNumber = useMutation(api.myFunctions.addNumber);
  return <button onClick={() => void addNumber({ value: 1 })}>{numbers?.join(", ")}</button>;
}
`;

const VITE_GITIGNORE = "node_modules\ndist\ndist-ssr\n*.local\n";
const NEXT_GITIGNORE = "/node_modules\n/.next/\n.env*\n";
const TSCONFIG = JSON.stringify({ compilerOptions: { jsx: "react-jsx", strict: true } });

export function viteBaseline(): VirtualApp {
  return {
    files: {
      "package.json": pkg({ convex: "^1.48.0", ...REACT }, VITE_DEV),
      "tsconfig.json": TSCONFIG,
      ".gitignore": VITE_GITIGNORE,
      ".env.local":
        "CONVEX_DEPLOYMENT=dev:happy-animal-123 # team: me, project: app\nVITE_CONVEX_URL=https://happy-animal-123.convex.cloud\n",
      "index.html": "<div id=root></div>",
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConvexProvider client={convex}>
      <App />
    </ConvexProvider>
  </StrictMode>,
);
`,
      "src/App.tsx": `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export default function App() {
  const numbers = useQuery(api.myFunctions.listNumbers, { count: 10 });
  return <p>{numbers?.numbers.join(", ")}</p>;
}
`,
      "convex/schema.ts": SCHEMA,
      "convex/myFunctions.ts": MY_FUNCTIONS,
    },
    env: { dev: { SOME_API_URL: "https://api.example.com" }, prod: { SOME_API_URL: "https://api.example.com" } },
  };
}

export const CLERK_DEV_HOST = "happy-otter-1.clerk.accounts.dev";
export const CLERK_PROD_HOST = "clerk.example.com";

export const CLERK_AUTH_CONFIG = `export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN,
      applicationID: "convex",
    },
  ],
};
`;

export function viteClerk(): VirtualApp {
  const base = viteBaseline();
  return {
    files: {
      ...base.files,
      "package.json": pkg({ convex: "^1.48.0", "@clerk/clerk-react": "^5.61.10", ...REACT }, VITE_DEV),
      ".env.local": `${base.files[".env.local"]}VITE_CLERK_PUBLISHABLE_KEY=${clerkPublishableKey(CLERK_DEV_HOST)}\n`,
      "convex/auth.config.ts": CLERK_AUTH_CONFIG,
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  </StrictMode>,
);
`,
      "src/App.tsx": APP_TSX.replace(
        `import { api } from "../convex/_generated/api";`,
        `import { api } from "../convex/_generated/api";\nimport { SignInButton, UserButton } from "@clerk/clerk-react";`,
      ).replace("<main>", '<main>\n      <UserButton />\n      <SignInButton mode="modal" />'),
    },
    env: {
      dev: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_DEV_HOST}` },
      prod: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_PROD_HOST}` },
    },
  };
}

export const CONVEX_AUTH_CONFIG = `export default {
  providers: [
    {
      domain: process.env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
  ],
};
`;

const CONVEX_AUTH_TS = `import { convexAuth } from "@convex-dev/auth/server";
import { Password } from "@convex-dev/auth/providers/Password";

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [Password],
});
`;

const CONVEX_AUTH_HTTP = `import { httpRouter } from "convex/server";
import { auth } from "./auth";

const http = httpRouter();

auth.addHttpRoutes(http);

export default http;
`;

const CONVEX_AUTH_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { authTables } from "@convex-dev/auth/server";
import { v } from "convex/values";

export default defineSchema({
  ...authTables,
  numbers: defineTable({
    value: v.number(),
  }),
});
`;

const CONVEX_AUTH_FUNCTIONS = `import { v } from "convex/values";
import { query, mutation } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

export const listNumbers = query({
  args: { count: v.number() },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    const user = userId === null ? null : await ctx.db.get(userId);
    const numbers = await ctx.db.query("numbers").order("desc").take(args.count);
    return { viewer: user?.email ?? null, numbers: numbers.map((number) => number.value) };
  },
});

export const addNumber = mutation({
  args: { value: v.number() },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) throw new Error("Not signed in");
    await ctx.db.insert("numbers", { value: args.value });
  },
});
`;

export function viteConvexAuth(): VirtualApp {
  const base = viteBaseline();
  const { dev, prod } = sharedKeys();
  return {
    files: {
      ...base.files,
      "package.json": pkg(
        { convex: "^1.48.0", "@convex-dev/auth": "^0.0.95", "@auth/core": "0.41.1", ...REACT },
        VITE_DEV,
      ),
      "convex/auth.config.ts": CONVEX_AUTH_CONFIG,
      "convex/auth.ts": CONVEX_AUTH_TS,
      "convex/http.ts": CONVEX_AUTH_HTTP,
      "convex/schema.ts": CONVEX_AUTH_SCHEMA,
      "convex/myFunctions.ts": CONVEX_AUTH_FUNCTIONS,
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexAuthProvider } from "@convex-dev/auth/react";
import { ConvexReactClient } from "convex/react";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConvexAuthProvider client={convex}>
      <App />
    </ConvexAuthProvider>
  </StrictMode>,
);
`,
      "src/App.tsx": APP_TSX,
    },
    env: {
      dev: { SITE_URL: "http://localhost:5173", ...dev },
      prod: { SITE_URL: "https://app.example.com", ...prod },
    },
  };
}

export const WORKOS_AUTH_CONFIG = `const clientId = process.env.WORKOS_CLIENT_ID;

const authConfig = {
  providers: [
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      applicationID: clientId,
      jwks: \`https://api.workos.com/sso/jwks/\${clientId}\`,
    },
    {
      type: "customJwt",
      issuer: \`https://api.workos.com/user_management/\${clientId}\`,
      algorithm: "RS256",
      jwks: \`https://api.workos.com/sso/jwks/\${clientId}\`,
    },
  ],
};

export default authConfig;
`;

export function viteWorkos(): VirtualApp {
  const base = viteBaseline();
  return {
    files: {
      ...base.files,
      "package.json": pkg(
        { convex: "^1.48.0", "@workos-inc/authkit-react": "^0.16.2", "@convex-dev/workos": "^0.0.3", ...REACT },
        VITE_DEV,
      ),
      "convex.json": JSON.stringify(
        {
          $schema: "./node_modules/convex/schemas/convex.schema.json",
          authKit: {
            dev: {
              configure: {
                redirectUris: ["http://localhost:5173/callback"],
                appHomepageUrl: "http://localhost:5173",
                corsOrigins: ["http://localhost:5173"],
              },
              localEnvVars: {
                VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
                VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
              },
            },
          },
        },
        null,
        2,
      ),
      ".env.local": `${base.files[".env.local"]}VITE_WORKOS_CLIENT_ID=client_01DEVDEVDEVDEV\nVITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback\n`,
      "convex/auth.config.ts": WORKOS_AUTH_CONFIG,
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AuthKitProvider, useAuth } from "@workos-inc/authkit-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithAuthKit } from "@convex-dev/workos";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AuthKitProvider
      clientId={import.meta.env.VITE_WORKOS_CLIENT_ID}
      redirectUri={import.meta.env.VITE_WORKOS_REDIRECT_URI}
    >
      <ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithAuthKit>
    </AuthKitProvider>
  </StrictMode>,
);
`,
      "src/App.tsx": APP_TSX,
    },
    env: {
      dev: {
        WORKOS_CLIENT_ID: "client_01DEVDEVDEVDEV",
        WORKOS_API_KEY: "sk_test_devdevdevdevdevdev",
        WORKOS_ENVIRONMENT_ID: "environment_01DEV",
      },
      prod: {
        WORKOS_CLIENT_ID: "client_01PRODPRODPROD",
        WORKOS_API_KEY: "sk_live_prodprodprodprod",
        WORKOS_ENVIRONMENT_ID: "environment_01PROD",
      },
    },
  };
}

export const AUTH0_AUTH_CONFIG = `export default {
  providers: [
    {
      domain: process.env.AUTH0_DOMAIN,
      applicationID: process.env.AUTH0_CLIENT_ID,
    },
  ],
};
`;

export function viteAuth0(): VirtualApp {
  const base = viteBaseline();
  return {
    files: {
      ...base.files,
      "package.json": pkg({ convex: "^1.48.0", "@auth0/auth0-react": "^2.27.0", ...REACT }, VITE_DEV),
      ".env.local": `${base.files[".env.local"]}VITE_AUTH0_DOMAIN=my-tenant.us.auth0.com\nVITE_AUTH0_CLIENT_ID=abcDEF123\n`,
      "convex/auth.config.ts": AUTH0_AUTH_CONFIG,
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Auth0Provider } from "@auth0/auth0-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithAuth0 } from "convex/react-auth0";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Auth0Provider
      domain={import.meta.env.VITE_AUTH0_DOMAIN}
      clientId={import.meta.env.VITE_AUTH0_CLIENT_ID}
      authorizationParams={{ redirect_uri: window.location.origin }}
      useRefreshTokens={true}
      cacheLocation="localstorage"
    >
      <ConvexProviderWithAuth0 client={convex}>
        <App />
      </ConvexProviderWithAuth0>
    </Auth0Provider>
  </StrictMode>,
);
`,
      "src/App.tsx": APP_TSX,
    },
    env: {
      dev: { AUTH0_DOMAIN: "https://my-tenant.us.auth0.com", AUTH0_CLIENT_ID: "abcDEF123" },
      prod: { AUTH0_DOMAIN: "https://login.example.com", AUTH0_CLIENT_ID: "prodXYZ789" },
    },
  };
}

export function viteCustomJwt(): VirtualApp {
  const base = viteBaseline();
  return {
    files: {
      ...base.files,
      "convex/auth.config.ts": `import type { AuthConfig } from "convex/server";

export default {
  providers: [
    {
      type: "customJwt",
      applicationID: "my-app",
      issuer: process.env.JWT_ISSUER!,
      jwks: process.env.JWT_JWKS_URL!,
      algorithm: "RS256",
    },
  ],
} satisfies AuthConfig;
`,
      "src/useAuthFromMyIdp.ts": `import { useCallback, useMemo } from "react";
import { useMyIdp } from "./my-idp";

export function useAuthFromMyIdp() {
  const { isLoading, isAuthenticated, getToken } = useMyIdp();
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => getToken({ ignoreCache: forceRefreshToken }),
    [getToken],
  );
  return useMemo(() => ({ isLoading, isAuthenticated: isAuthenticated ?? false, fetchAccessToken }), [isLoading, isAuthenticated, fetchAccessToken]);
}
`,
      "src/my-idp.ts": `export function useMyIdp() {
  return { isLoading: false, isAuthenticated: false, getToken: async (_: { ignoreCache: boolean }) => null as string | null };
}
export function MyIdpProvider({ children }: { children: unknown }) {
  return children;
}
`,
      "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";
import { MyIdpProvider } from "./my-idp";
import { useAuthFromMyIdp } from "./useAuthFromMyIdp";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MyIdpProvider>
      <ConvexProviderWithAuth client={convex} useAuth={useAuthFromMyIdp}>
        <App />
      </ConvexProviderWithAuth>
    </MyIdpProvider>
  </StrictMode>,
);
`,
      "src/App.tsx": APP_TSX,
    },
    env: {
      dev: { JWT_ISSUER: "https://idp.example.com", JWT_JWKS_URL: "https://idp.example.com/.well-known/jwks.json" },
      prod: { JWT_ISSUER: "https://idp.example.com", JWT_JWKS_URL: "https://idp.example.com/.well-known/jwks.json" },
    },
  };
}

const NEXT_DEPS = { convex: "^1.48.0", next: "^16.3.0", ...REACT };
const NEXT_SCRIPTS = { dev: "next dev", build: "next build" };

export function nextBaseline(): VirtualApp {
  return {
    files: {
      "package.json": pkg(NEXT_DEPS, { typescript: "^5" }, NEXT_SCRIPTS),
      "tsconfig.json": TSCONFIG,
      ".gitignore": NEXT_GITIGNORE,
      ".env.local":
        "CONVEX_DEPLOYMENT=dev:happy-animal-123\nNEXT_PUBLIC_CONVEX_URL=https://happy-animal-123.convex.cloud\n",
      "app/layout.tsx": `import { ConvexClientProvider } from "./ConvexClientProvider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ConvexClientProvider>{children}</ConvexClientProvider>
      </body>
    </html>
  );
}
`,
      "app/ConvexClientProvider.tsx": `"use client";

import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ReactNode } from "react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`,
      "app/page.tsx": `"use client";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export default function Home() {
  const data = useQuery(api.myFunctions.listNumbers, { count: 10 });
  return <main>{data?.numbers.join(", ")}</main>;
}
`,
      "convex/schema.ts": SCHEMA,
      "convex/myFunctions.ts": MY_FUNCTIONS,
    },
    env: { dev: {}, prod: {} },
  };
}

export function nextClerk(): VirtualApp {
  const base = nextBaseline();
  return {
    files: clean({
      ...base.files,
      "package.json": pkg({ ...NEXT_DEPS, "@clerk/nextjs": "^7.9.17" }, { typescript: "^5" }, NEXT_SCRIPTS),
      ".env.local": `${base.files[".env.local"]}NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${clerkPublishableKey(CLERK_DEV_HOST)}\nCLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123456789\n`,
      "convex/auth.config.ts": CLERK_AUTH_CONFIG,
      "proxy.ts": `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = {
  matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)"],
};
`,
      "app/layout.tsx": `import { ClerkProvider } from "@clerk/nextjs";
import ConvexClientProvider from "@/components/ConvexClientProvider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider dynamic>
          <ConvexClientProvider>{children}</ConvexClientProvider>
        </ClerkProvider>
      </body>
    </html>
  );
}
`,
      "app/ConvexClientProvider.tsx": undefined as unknown as string,
      "components/ConvexClientProvider.tsx": `"use client";

import { ReactNode } from "react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
      "app/page.tsx": `"use client";
import { Authenticated, Unauthenticated, useQuery } from "convex/react";
import { SignInButton, UserButton } from "@clerk/nextjs";
import { api } from "../convex/_generated/api";

export default function Home() {
  return (
    <main>
      <Authenticated>
        <UserButton />
        <Content />
      </Authenticated>
      <Unauthenticated>
        <SignInButton />
      </Unauthenticated>
    </main>
  );
}

function Content() {
  const data = useQuery(api.myFunctions.listNumbers, { count: 10 });
  return <p>{data?.numbers.join(", ")}</p>;
}
`,
    }),
    env: {
      dev: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_DEV_HOST}` },
      prod: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_PROD_HOST}` },
    },
  };
}

export function nextConvexAuth(): VirtualApp {
  const base = nextBaseline();
  const { dev, prod } = sharedKeys();
  return {
    files: {
      ...base.files,
      "package.json": pkg(
        { ...NEXT_DEPS, "@convex-dev/auth": "^0.0.95", "@auth/core": "^0.41.1" },
        { typescript: "^5" },
        NEXT_SCRIPTS,
      ),
      "convex/auth.config.ts": CONVEX_AUTH_CONFIG,
      "convex/auth.ts": CONVEX_AUTH_TS.replace(
        `import { Password } from "@convex-dev/auth/providers/Password";`,
        `import GitHub from "@auth/core/providers/github";`,
      ).replace("[Password]", "[GitHub]"),
      "convex/http.ts": CONVEX_AUTH_HTTP,
      "convex/schema.ts": CONVEX_AUTH_SCHEMA,
      "convex/myFunctions.ts": CONVEX_AUTH_FUNCTIONS,
      "proxy.ts": `import { convexAuthNextjsMiddleware, createRouteMatcher, nextjsMiddlewareRedirect } from "@convex-dev/auth/nextjs/server";

const isSignInPage = createRouteMatcher(["/signin"]);

export default convexAuthNextjsMiddleware(async (request, { convexAuth }) => {
  if (isSignInPage(request) && (await convexAuth.isAuthenticated())) {
    return nextjsMiddlewareRedirect(request, "/");
  }
});

export const config = {
  matcher: ["/((?!.*\\\\..*|_next).*)", "/", "/(api|trpc)(.*)"],
};
`,
      "app/layout.tsx": `import { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";
import { ConvexClientProvider } from "./ConvexClientProvider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ConvexAuthNextjsServerProvider>
      <html lang="en">
        <body>
          <ConvexClientProvider>{children}</ConvexClientProvider>
        </body>
      </html>
    </ConvexAuthNextjsServerProvider>
  );
}
`,
      "app/ConvexClientProvider.tsx": `"use client";

import { ConvexAuthNextjsProvider } from "@convex-dev/auth/nextjs";
import { ConvexReactClient } from "convex/react";
import { ReactNode } from "react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexAuthNextjsProvider client={convex}>{children}</ConvexAuthNextjsProvider>;
}
`,
    },
    env: {
      dev: {
        SITE_URL: "http://localhost:3000",
        AUTH_GITHUB_ID: "Iv1.dev",
        AUTH_GITHUB_SECRET: "devsecretdevsecretdevsecret",
        ...dev,
      },
      prod: {
        SITE_URL: "https://app.example.com",
        AUTH_GITHUB_ID: "Iv1.prod",
        AUTH_GITHUB_SECRET: "prodsecretprodsecretprod",
        ...prod,
      },
    },
  };
}

export function nextWorkos(): VirtualApp {
  const base = nextBaseline();
  return {
    files: {
      ...base.files,
      "package.json": pkg({ ...NEXT_DEPS, "@workos-inc/authkit-nextjs": "^3.0.1" }, { typescript: "^5" }, NEXT_SCRIPTS),
      ".env.local": `${base.files[".env.local"]}WORKOS_CLIENT_ID=client_01DEVDEVDEVDEV\nWORKOS_API_KEY=sk_test_devdevdevdevdevdev\nWORKOS_COOKIE_PASSWORD=0123456789abcdef0123456789abcdef01\nNEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/callback\n`,
      "convex.json": JSON.stringify(
        {
          authKit: {
            dev: {
              configure: {
                redirectUris: ["http://localhost:3000/callback"],
                appHomepageUrl: "http://localhost:3000",
                corsOrigins: ["http://localhost:3000"],
              },
            },
          },
        },
        null,
        2,
      ),
      "convex/auth.config.ts": WORKOS_AUTH_CONFIG,
      "proxy.ts": `import { authkitMiddleware } from "@workos-inc/authkit-nextjs";

export default authkitMiddleware({
  middlewareAuth: { enabled: true, unauthenticatedPaths: ["/", "/sign-in", "/sign-up"] },
});

export const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|ico)).*)", "/(api|trpc)(.*)"] };
`,
      "app/callback/route.ts": `import { handleAuth } from "@workos-inc/authkit-nextjs";

export const GET = handleAuth();
`,
      "app/ConvexClientProvider.tsx": `"use client";

import { ReactNode, useCallback, useState } from "react";
import { ConvexReactClient, ConvexProviderWithAuth } from "convex/react";
import { AuthKitProvider, useAccessToken, useAuth } from "@workos-inc/authkit-nextjs/components";

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  const [convex] = useState(() => new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!));
  return (
    <AuthKitProvider>
      <ConvexProviderWithAuth client={convex} useAuth={useAuthFromAuthKit}>
        {children}
      </ConvexProviderWithAuth>
    </AuthKitProvider>
  );
}

function useAuthFromAuthKit() {
  const { user, loading: isLoading } = useAuth();
  const { getAccessToken, refresh } = useAccessToken();
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken?: boolean } = {}) => {
      if (!user) return null;
      return forceRefreshToken ? ((await refresh()) ?? null) : ((await getAccessToken()) ?? null);
    },
    [user, refresh, getAccessToken],
  );
  return { isLoading, isAuthenticated: !!user, fetchAccessToken };
}
`,
    },
    env: {
      dev: { WORKOS_CLIENT_ID: "client_01DEVDEVDEVDEV", WORKOS_API_KEY: "sk_test_devdevdevdevdevdev" },
      prod: { WORKOS_CLIENT_ID: "client_01PRODPRODPROD", WORKOS_API_KEY: "sk_live_prodprodprodprod" },
    },
  };
}

export function tanstackClerk(): VirtualApp {
  return {
    files: {
      "package.json": pkg(
        {
          convex: "^1.48.0",
          "@tanstack/react-start": "^1.130.0",
          "@tanstack/react-router": "^1.130.0",
          "@convex-dev/react-query": "^0.1.0",
          "@tanstack/react-query": "^5.80.0",
          "@clerk/tanstack-react-start": "^1.5.15",
          ...REACT,
        },
        { vite: "^8.3.8", typescript: "^5.9.3" },
        { dev: "vite dev --port 3000" },
      ),
      "tsconfig.json": TSCONFIG,
      ".gitignore": "node_modules\n.env\n.env.local\n.output\n",
      ".env.local": `CONVEX_DEPLOYMENT=dev:happy-animal-123\nVITE_CONVEX_URL=https://happy-animal-123.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=${clerkPublishableKey(CLERK_DEV_HOST)}\nCLERK_SECRET_KEY=sk_test_abcdefghijklmnopqrstuvwxyz0123456789\n`,
      "convex/auth.config.ts": CLERK_AUTH_CONFIG,
      "convex/schema.ts": SCHEMA,
      "convex/myFunctions.ts": MY_FUNCTIONS,
      "src/start.ts": `import { clerkMiddleware } from "@clerk/tanstack-react-start/server";
import { createStart } from "@tanstack/react-start";

export const startInstance = createStart(() => ({ requestMiddleware: [clerkMiddleware()] }));
`,
      "src/router.tsx": `import { createRouter } from "@tanstack/react-router";
import { QueryClient } from "@tanstack/react-query";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { ConvexProvider } from "convex/react";
import { routeTree } from "./routeTree.gen";

export function getRouter() {
  const convexQueryClient = new ConvexQueryClient(import.meta.env.VITE_CONVEX_URL!);
  const queryClient = new QueryClient();
  return createRouter({
    routeTree,
    context: { queryClient, convexClient: convexQueryClient.convexClient, convexQueryClient },
    Wrap: ({ children }) => <ConvexProvider client={convexQueryClient.convexClient}>{children}</ConvexProvider>,
  });
}
`,
      "src/routes/__root.tsx": `import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import { createServerFn } from "@tanstack/react-start";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const { userId, getToken } = await auth();
  return { userId, token: await getToken() };
});

export const Route = createRootRouteWithContext<any>()({
  beforeLoad: async (ctx) => {
    const { userId, token } = await fetchClerkAuth();
    if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);
    return { userId, token };
  },
  component: RootComponent,
});

function RootComponent() {
  const context = Route.useRouteContext();
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>
        <Outlet />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    env: {
      dev: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_DEV_HOST}` },
      prod: { CLERK_JWT_ISSUER_DOMAIN: `https://${CLERK_PROD_HOST}` },
    },
  };
}

/** Removes files set to undefined by a spread override. */
export function clean(files: Files): Files {
  return Object.fromEntries(Object.entries(files).filter(([, content]) => typeof content === "string"));
}

/** Every correctly set-up app, by name, for the precision test. */
export function doneApps(): Record<string, VirtualApp> {
  const apps = {
    "vite-baseline": viteBaseline(),
    "next-baseline": nextBaseline(),
    "vite-clerk-done": viteClerk(),
    "vite-convex-auth-done": viteConvexAuth(),
    "vite-workos-done": viteWorkos(),
    "vite-auth0-done": viteAuth0(),
    "vite-custom-jwt-done": viteCustomJwt(),
    "next-clerk-done": nextClerk(),
    "next-convex-auth-done": nextConvexAuth(),
    "next-workos-done": nextWorkos(),
    "tanstack-clerk-done": tanstackClerk(),
  };
  for (const app of Object.values(apps)) app.files = clean(app.files);
  return apps;
}

/** A virtual app with some files replaced (undefined removes a file). */
export function withFiles(app: VirtualApp, changes: Record<string, string | undefined>): Files {
  return clean({ ...app.files, ...(changes as Files) });
}

/**
 * Next + Clerk where the layout renders a local wrapper, `@/providers/ClerkProvider`, that renders
 * Clerk's provider under another name (a pattern of real apps); `inverted` puts the Convex client
 * provider outside it.
 */
export function nextClerkLocalWrapper(options: { inverted?: boolean } = {}): Files {
  const app = nextClerk();
  const inner = options.inverted
    ? "<ConvexClientProvider>\n          <ClerkProvider>{children}</ClerkProvider>\n        </ConvexClientProvider>"
    : "<ClerkProvider>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>";
  return withFiles(app, {
    "providers/ClerkProvider.tsx": `"use client";

import type { ReactNode } from "react";
import { ClerkProvider as BaseClerkProvider } from "@clerk/nextjs";

export function ClerkProvider({ children }: { children: ReactNode }) {
  return <BaseClerkProvider afterSignOutUrl="/">{children}</BaseClerkProvider>;
}
`,
    "app/layout.tsx": `import { ClerkProvider } from "@/providers/ClerkProvider";
import ConvexClientProvider from "@/components/ConvexClientProvider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        ${inner}
      </body>
    </html>
  );
}
`,
  });
}
