import { describe, expect, it } from "vitest";
import type { HumanStep } from "../errors.ts";
import { offerStepCommands } from "./step-commands.ts";

const provision: HumanStep = {
  title: "Run `npx convex dev` in a terminal once",
  why: "first provisioning",
  command: "npx convex dev --once",
};
const dashboard: HumanStep = { title: "Add the redirect URI", why: "WorkOS checks it" };

describe("offerStepCommands", () => {
  it("offers only steps with a command, runs the accepted ones, and reports those that succeeded", async () => {
    const asked: string[] = [];
    const ran: string[] = [];
    const io = { confirm: async (message: string) => (asked.push(message), true), ask: async () => ({}) };
    const done = await offerStepCommands(
      [dashboard, provision],
      "/app",
      io,
      async (command, cwd) => (ran.push(`${cwd}$ ${command}`), 0),
    );
    expect(asked).toEqual([
      "Run `npx convex dev --once` now? (Run `npx convex dev` in a terminal once; it asks its own questions)",
    ]);
    expect(ran).toEqual(["/app$ npx convex dev --once"]);
    expect(done).toEqual([provision]);
  });

  it("runs nothing when declined, and reports a failed command as not done", async () => {
    const declined = { confirm: async () => false, ask: async () => ({}) };
    let runs = 0;
    expect(await offerStepCommands([provision], "/app", declined, async () => ++runs)).toEqual([]);
    expect(runs).toBe(0);
    const accepted = { confirm: async () => true, ask: async () => ({}) };
    expect(await offerStepCommands([provision], "/app", accepted, async () => 1)).toEqual([]);
  });
});
