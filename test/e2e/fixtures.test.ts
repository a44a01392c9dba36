/** The fixture apps are real: with the real SDKs they code-generate, type-check and build. */
import { describe, expect, it } from "vitest";
import { codegen, copyApp, nextBuild, typecheck, viteBuild } from "./workspace.ts";

const VITE_APPS = [
  "vite-baseline",
  "vite-clerk-done",
  "vite-convex-auth-done",
  "vite-workos-done",
  "vite-custom-jwt-done",
  "tanstack-start-baseline",
];
const NEXT16_APPS = ["next-app-baseline", "next-pages-baseline", "next-app-auth0-done"];

describe("fixture apps build with the real SDKs", () => {
  it.each(VITE_APPS)("%s: codegen, tsc, vite build", async (name) => {
    const app = copyApp(name, `fixture-${name}`);
    for (const step of [codegen, typecheck, viteBuild]) {
      const result = await step(app);
      expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
    }
  });

  it.each(NEXT16_APPS)("%s: codegen, next build (Next 16)", async (name) => {
    const app = copyApp(name, `fixture-${name}`);
    for (const step of [codegen, nextBuild]) {
      const result = await step(app);
      expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
    }
  });

  it("next-app-src: codegen, next build (Next 15, src/app)", async () => {
    const app = copyApp("next-app-src", "fixture-next-app-src", "next15");
    for (const step of [codegen, nextBuild]) {
      const result = await step(app);
      expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
    }
  });
});
