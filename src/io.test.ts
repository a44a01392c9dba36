import { describe, expect, it } from "vitest";
import { HumanStepRequired } from "./errors.ts";
import { nonInteractiveIo } from "./io.ts";

describe("nonInteractiveIo", () => {
  it("takes the safe default of a confirmation, or yes with --yes", async () => {
    expect(await nonInteractiveIo().confirm("Apply?", { default: false })).toBe(false);
    expect(await nonInteractiveIo().confirm("Continue?", { default: true })).toBe(true);
    expect(await nonInteractiveIo({ yes: true }).confirm("Apply?")).toBe(true);
  });

  it("lists every missing value in one HumanStepRequired with exit code 3", async () => {
    const io = nonInteractiveIo({ yes: true });
    const error = await io
      .ask([
        { name: "publishableKey", flag: "--clerk-publishable-key", why: "ClerkProvider needs it" },
        { name: "apiKey", flag: "--workos-api-key-stdin", why: "set on the deployment", secret: true },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HumanStepRequired);
    expect(error).toMatchObject({
      code: "missing_input",
      exitCode: 3,
      hint: "Pass --clerk-publishable-key, --workos-api-key-stdin.",
    });
    expect((error as HumanStepRequired).missing.map((m) => m.name)).toEqual(["publishableKey", "apiKey"]);
  });

  it("asks nothing when nothing is missing", async () => {
    expect(await nonInteractiveIo().ask([])).toEqual({});
  });
});
