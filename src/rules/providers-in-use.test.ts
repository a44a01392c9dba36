import { describe, expect, it } from "vitest";
import { providersInUse } from "./context.ts";

describe("providersInUse", () => {
  it("a provider the package manager alone shows (package.json, lockfile, node_modules) doesn't count beside one in the code", () => {
    const used = providersInUse([
      { name: "clerk", evidence: ["package.json: @clerk/nextjs", "app/layout.tsx: ClerkProvider"] },
      {
        name: "convex-auth",
        evidence: ["package.json: @convex-dev/auth", "package-lock.json: Convex Auth v1 (0.0.90)"],
      },
    ]);
    expect([...used]).toEqual(["clerk"]);
  });

  it("counts it when it is the only one, or when the code uses it too", () => {
    expect([
      ...providersInUse([{ name: "convex-auth", evidence: ["pnpm-lock.yaml: Convex Auth v2 (2.0.0)"] }]),
    ]).toEqual(["convex-auth"]);
    const both = providersInUse([
      { name: "clerk", evidence: ["app/layout.tsx: ClerkProvider"] },
      { name: "convex-auth", evidence: ["yarn.lock: Convex Auth v1", "convex/auth.ts: convexAuth"] },
    ]);
    expect([...both].sort()).toEqual(["clerk", "convex-auth"]);
  });
});
