/**
 * `add --no-env` (issue 19): each human step, and each `npx convex env set` command, shows once in
 * the rendered output: in the steps, not again in the env table or the next steps.
 */
import { createColors } from "picocolors";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { planAdd } from "../../providers/add.ts";
import { renderNextSteps } from "./add.ts";
import { renderPlan, renderPlanSteps } from "./plan.ts";

const APPS = resolve(import.meta.dirname, "../../../test/fixtures/apps");
const plain = createColors(false);
const key = (host: string) => `pk_test_${Buffer.from(`${host}$`).toString("base64").replace(/=+$/, "")}`;

const cases: [string, Record<string, unknown>][] = [
  ["clerk", { clerkPublishableKey: key("happy-otter-1.clerk.accounts.dev") }],
  [
    "clerk",
    {
      clerkPublishableKey: key("happy-otter-1.clerk.accounts.dev"),
      prod: true,
      prodClerkPublishableKey: key("clerk.example.com").replace("pk_test_", "pk_live_"),
    },
  ],
  ["auth0", { auth0Domain: "tenant.us.auth0.com", auth0ClientId: "abc123def456" }],
  ["workos", { workosTeam: "existing", workosClientId: "client_01ABC" }],
];

async function rendered(provider: string, options: Record<string, unknown>) {
  const added = await planAdd({
    cwd: resolve(APPS, "vite-baseline"),
    provider,
    options,
    setDeploymentEnv: false,
    readDeployment: async () => ({}),
    git: false,
    env: {},
  });
  // What `add --dry-run` prints (plan with its steps and the diff, then what is left) and what the
  // apply prints after it (the steps and the next steps).
  const dryRun = `${renderPlan(added.plan, plain, { title: `authwire add ${provider}`, diff: true, steps: true })}\n${renderNextSteps(added, plain, { stepsShown: true })}`;
  const applied = `${renderPlanSteps(added.plan, plain)}\n${renderNextSteps(added, plain, { stepsShown: true })}`;
  return { added, outputs: [dryRun, applied] };
}

describe("add --no-env shows each human step once", () => {
  it.each(cases)("%s %o", async (provider, options) => {
    const { added, outputs } = await rendered(provider, options);
    const commands = added.plan.humanSteps.flatMap((step) =>
      step.title.includes("npx convex env set") ? [step.title.slice(step.title.indexOf("npx convex env set"))] : [],
    );
    expect(commands.length, "the plan has env steps to dedupe").toBeGreaterThan(0);
    for (const output of outputs) {
      for (const command of commands) expect(output.split(command).length - 1, command).toBe(1);
      const titles = added.plan.humanSteps.map((step) => step.title);
      expect(new Set(titles).size).toBe(titles.length);
      for (const title of titles) expect(output.split(title).length - 1, title).toBe(1);
    }
  });
});
