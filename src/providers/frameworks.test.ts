import { describe, expect, it } from "vitest";
import { detectProject } from "../project/detect.ts";
import { memoryFiles } from "../project/files.ts";
import { clientEnvExpression, clientEnvPrefix, localOrigin, nextMiddlewarePath } from "./frameworks.ts";

async function nextApp(files: Record<string, string>, next = "^16.4.6") {
  const all = {
    "package.json": JSON.stringify({ dependencies: { next, convex: "1.48.0" } }),
    "tsconfig.json": "{}",
    ...files,
  };
  return detectProject("/p", { files: memoryFiles(all), env: {} });
}

describe("framework knowledge", () => {
  it("prefixes client variables per framework", () => {
    expect(clientEnvPrefix("vite")).toBe("VITE_");
    expect(clientEnvPrefix("tanstack-start")).toBe("VITE_");
    expect(clientEnvPrefix("next-app")).toBe("NEXT_PUBLIC_");
    expect(clientEnvPrefix("expo")).toBe("EXPO_PUBLIC_");
    expect(clientEnvExpression("vite", "CLERK_PUBLISHABLE_KEY")).toBe("import.meta.env.VITE_CLERK_PUBLISHABLE_KEY");
    expect(clientEnvExpression("next-app", "AUTH0_DOMAIN")).toBe("process.env.NEXT_PUBLIC_AUTH0_DOMAIN!");
  });

  it("puts proxy.ts at the root on Next 16 and middleware.ts on Next 15", async () => {
    expect(await nextMiddlewarePath(await nextApp({ "app/page.tsx": "" }))).toEqual({
      path: "proxy.ts",
      exists: false,
      kind: "proxy",
    });
    expect(await nextMiddlewarePath(await nextApp({ "app/page.tsx": "" }, "^15.5.0"))).toEqual({
      path: "middleware.ts",
      exists: false,
      kind: "middleware",
    });
  });

  it("puts it in src/ when the app uses src/app", async () => {
    expect((await nextMiddlewarePath(await nextApp({ "src/app/page.tsx": "" }))).path).toBe("src/proxy.ts");
  });

  it("keeps an existing middleware.ts on Next 16 instead of adding proxy.ts beside it", async () => {
    const facts = await nextApp({ "app/page.tsx": "", "middleware.ts": "export default function m() {}" });
    expect(await nextMiddlewarePath(facts)).toEqual({ path: "middleware.ts", exists: true, kind: "middleware" });
  });

  it("builds the local origin from the detected port", async () => {
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": JSON.stringify({
          dependencies: { react: "19", vite: "8" },
          scripts: { dev: "vite --port 3001" },
        }),
      }),
      env: {},
    });
    expect(localOrigin(facts)).toBe("http://localhost:3001");
  });
});
