import { describe, expect, it } from "vitest";
import type { Check, Verdict } from "../verdict.ts";
import type { ConvexReply } from "./capture.ts";
import { compareReply } from "./compare.ts";

const check = (id: string, ok: boolean, severity: Check["severity"] = "error"): Check => ({
  id,
  ok,
  expected: null,
  actual: null,
  message: `${id} ${ok ? "ok" : "failed"}`,
  severity,
});

function verdict(outcome: Verdict["outcome"], checks: Check[], code: string | null = null): Verdict {
  return {
    version: 1,
    accepted: outcome === "accepted",
    outcome,
    provider: null,
    checks,
    error: code ? { code, message: code, httpStatus: 401 } : null,
    explanation: null,
    fix: null,
    identity: null,
    skipped: [],
    token: { header: null, claims: null, bytes: 0 },
    fetches: [],
    redacted: false,
  };
}

const accepted: ConvexReply = { accepted: true, error: null, via: "websocket", receivedAt: 0 };
const rejected = (code: string | null, message = "…"): ConvexReply => ({
  accepted: false,
  error: { code, message },
  via: "websocket",
  receivedAt: 0,
});

describe("compareReply", () => {
  it("agreement and undetermined verdicts are no disagreement", () => {
    expect(compareReply(accepted, verdict("accepted", [check("route.provider", true)]))).toBeNull();
    expect(
      compareReply(rejected("NoAuthProvider"), verdict("rejected", [check("route.provider", false)], "NoAuthProvider")),
    ).toBeNull();
    expect(compareReply(accepted, verdict("undetermined", [check("route.provider", true)]))).toBeNull();
    // Convex's wording not recognised: the codes can't be compared.
    expect(compareReply(rejected(null), verdict("rejected", [check("oidc.exp", false)], "Unauthenticated"))).toBeNull();
  });

  it("Convex accepts what the local config rejects at routing: the config isn't pushed (or the env differs)", () => {
    const result = compareReply(
      accepted,
      verdict("rejected", [check("config.push", true), check("route.provider", false)], "NoAuthProvider"),
    );
    expect(result).toMatchObject({
      kind: "outcome",
      likelyCause: "config-not-pushed",
      convex: { accepted: true, code: null },
      authwire: { outcome: "rejected", code: "NoAuthProvider" },
    });
    expect(result!.message).toContain("npx convex dev");
  });

  it("Convex accepts what authwire rejects on a config-independent check: likelier an authwire bug", () => {
    const result = compareReply(
      accepted,
      verdict("rejected", [check("route.provider", true), check("oidc.signature", false)], "Unauthenticated"),
    );
    expect(result).toMatchObject({ likelyCause: "authwire-bug" });
    expect(result!.message).toContain("bug in authwire");
  });

  it("Convex accepts but authwire couldn't fetch the keys: network", () => {
    expect(
      compareReply(
        accepted,
        verdict(
          "rejected",
          [check("route.provider", true), check("oidc.discovery", false)],
          "AuthProviderDiscoveryFailed",
        ),
      ),
    ).toMatchObject({ likelyCause: "network" });
  });

  it("Convex answers NoAuthProvider to what the local config accepts: the config isn't pushed", () => {
    expect(
      compareReply(rejected("NoAuthProvider"), verdict("accepted", [check("route.provider", true)])),
    ).toMatchObject({
      kind: "outcome",
      likelyCause: "config-not-pushed",
      convex: { accepted: false, code: "NoAuthProvider" },
    });
  });

  it("Convex can't reach an issuer authwire reached on loopback: network, and says why", () => {
    const result = compareReply(
      rejected("AuthProviderDiscoveryFailed"),
      verdict("accepted", [check("route.provider", true), check("advice.reachable", false, "warning")]),
    );
    expect(result).toMatchObject({ likelyCause: "network" });
    expect(result!.message).toContain("loopback or private address");
  });

  it("Convex rejects a signature authwire accepts with the same config: likelier an authwire bug", () => {
    expect(
      compareReply(rejected("Unauthenticated"), verdict("accepted", [check("route.provider", true)])),
    ).toMatchObject({ likelyCause: "authwire-bug" });
  });

  it("both reject for different reasons: an error-kind disagreement", () => {
    expect(
      compareReply(rejected("NoAuthProvider"), verdict("rejected", [check("oidc.exp", false)], "Unauthenticated")),
    ).toMatchObject({ kind: "error", likelyCause: "config-not-pushed" });
    expect(
      compareReply(rejected("InvalidAuthHeader"), verdict("rejected", [check("oidc.exp", false)], "Unauthenticated")),
    ).toMatchObject({ kind: "error", likelyCause: "authwire-bug" });
  });
});
