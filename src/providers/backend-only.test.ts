/**
 * Backend-only repos (`add --no-client`, or no client framework/entry found): only the functions
 * folder (and convex.json) and the deployment are set up; the client part becomes one human step.
 */
import { describe, expect, it } from "vitest";
import { planOn, planned, summary } from "../../test/helpers/add-recipe.ts";
import { clerkPublishableKey } from "../../test/helpers/projects.ts";

const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");

describe("add on a backend-only repo", () => {
  it("clerk: auth.config.ts (TypeScript from convex/tsconfig.json) and the issuer; the client's SDK, key and files are a human step", async () => {
    const added = await planOn("backend-only", "clerk", { clerkPublishableKey: KEY });
    const plan = summary(added);
    expect(plan.files).toEqual({ "convex/auth.config.ts": "create" });
    expect(plan.env).toEqual(["CLERK_JWT_ISSUER_DOMAIN dev set"]);
    expect(plan.install).toEqual([]);
    const client = added.plan.humanSteps.find((step) => step.title.startsWith("In the client app"));
    expect(client?.title).toContain("install @clerk/react");
    expect(client?.title).toContain("VITE_CLERK_PUBLISHABLE_KEY");
    expect(client?.why).toContain("hand Convex its token");
    expect(added.facts.notes.join("\n")).toContain("planning the backend only");
    expect(planned(added, "convex/auth.config.ts")).toContain("process.env.CLERK_JWT_ISSUER_DOMAIN");
  });

  it("convex-auth: the backend files and packages only", async () => {
    const added = await planOn("backend-only", "convex-auth");
    const plan = summary(added);
    expect(Object.keys(plan.files).every((path) => path.startsWith("convex/"))).toBe(true);
    expect(plan.files["convex/auth.ts"]).toBe("create");
    expect(plan.install.some((spec) => spec.startsWith("@convex-dev/auth@"))).toBe(true);
    expect(plan.steps.some((step) => step.startsWith("In the client app"))).toBe(true);
  });

  it("--no-client on an app with a client: its entry is left alone and the wiring is a human step", async () => {
    const withClient = summary(await planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY }));
    expect(withClient.files["src/main.tsx"]).toBe("modify");
    const added = await planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY }, { client: false });
    const plan = summary(added);
    expect(plan.files).toEqual({ "convex/auth.config.ts": "create" });
    expect(plan.install).toEqual([]);
    const client = plan.steps.find((step) => step.startsWith("In the client app"));
    expect(client).toContain("src/main.tsx");
    expect(client).not.toContain("named as for a Vite app");
  });
});
