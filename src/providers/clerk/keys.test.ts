import { describe, expect, it } from "vitest";
import { clerkPublishableKey } from "../../../test/helpers/projects.ts";
import { parseIssuer, parsePublishableKey, resolveClerk } from "./keys.ts";

const DEV = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");
const LIVE = clerkPublishableKey("clerk.tasks.example.com", "live");

describe("Clerk keys", () => {
  it("reads the instance and its issuer from a publishable key", () => {
    expect(parsePublishableKey(DEV, "--clerk-publishable-key")).toEqual({
      kind: "development",
      host: "happy-otter-1.clerk.accounts.dev",
      issuer: "https://happy-otter-1.clerk.accounts.dev",
    });
    expect(parsePublishableKey(LIVE, "--x")).toMatchObject({
      kind: "production",
      issuer: "https://clerk.tasks.example.com",
    });
    // With base64 padding, as some keys carry it.
    expect(
      parsePublishableKey(`pk_test_${Buffer.from("ab-cd-12.clerk.accounts.dev$").toString("base64")}`, "--x").host,
    ).toBe("ab-cd-12.clerk.accounts.dev");
  });

  it("rejects what isn't a publishable key, naming the flag", () => {
    for (const bad of [
      "sk_test_abc",
      "pk_test_",
      `pk_test_${Buffer.from("no-dollar.example.com").toString("base64")}`,
      "pk_live_!!!",
    ]) {
      expect(() => parsePublishableKey(bad, "--clerk-publishable-key")).toThrow(
        /^--clerk-publishable-key is not a Clerk publishable key/,
      );
    }
  });

  it("normalises a Frontend API URL and tells dev instances from production ones", () => {
    expect(parseIssuer("happy-otter-1.clerk.accounts.dev/", "--clerk-issuer")).toEqual({
      kind: "development",
      host: "happy-otter-1.clerk.accounts.dev",
      issuer: "https://happy-otter-1.clerk.accounts.dev",
    });
    expect(parseIssuer("https://clerk.tasks.example.com", "--x").kind).toBe("production");
    expect(() => parseIssuer("http://clerk.tasks.example.com", "--clerk-issuer")).toThrow(/https, no path/);
    expect(() => parseIssuer("https://clerk.tasks.example.com/oauth", "--clerk-issuer")).toThrow(/https, no path/);
  });

  it("refuses a key and an issuer of different instances", () => {
    expect(() =>
      resolveClerk({ clerkPublishableKey: DEV, clerkIssuer: "https://other-cat-2.clerk.accounts.dev" }, false),
    ).toThrow(
      "--clerk-publishable-key belongs to happy-otter-1.clerk.accounts.dev but --clerk-issuer is other-cat-2.clerk.accounts.dev: two different Clerk instances.",
    );
  });

  it("never puts a development instance on prod, nor the dev issuer", () => {
    expect(() =>
      resolveClerk(
        { clerkPublishableKey: DEV, prodClerkPublishableKey: clerkPublishableKey("other-cat-2.clerk.accounts.dev") },
        true,
      ),
    ).toThrow(
      expect.objectContaining({
        code: "dev_instance_on_prod",
        exitCode: 2,
        message: expect.stringMatching(/^--prod-clerk-publishable-key is a development key \(pk_test_…\)/),
      }),
    );
    expect(() => resolveClerk({ prodClerkIssuer: "https://happy-otter-1.clerk.accounts.dev" }, true)).toThrow(
      expect.objectContaining({ code: "dev_instance_on_prod" }),
    );
    expect(() =>
      resolveClerk({ clerkIssuer: "https://clerk.tasks.example.com", prodClerkPublishableKey: LIVE }, true),
    ).toThrow(
      "The production issuer https://clerk.tasks.example.com is the development one; dev and prod need separate Clerk instances.",
    );
    expect(resolveClerk({ clerkPublishableKey: DEV, prodClerkPublishableKey: LIVE }, true)).toEqual({
      issuer: "https://happy-otter-1.clerk.accounts.dev",
      prodIssuer: "https://clerk.tasks.example.com",
    });
    // Without --prod the prod values are not read, and the dev ones never become prod ones.
    expect(resolveClerk({ clerkPublishableKey: DEV }, true)).toEqual({
      issuer: "https://happy-otter-1.clerk.accounts.dev",
      prodIssuer: undefined,
    });
  });
});
