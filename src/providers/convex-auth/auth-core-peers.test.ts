import { describe, expect, it } from "vitest";
import { authCorePeerOf, newestReleaseIn, parseLockfile } from "./auth-core-peers.ts";

describe("@convex-dev/auth peer ranges", () => {
  it("knows the range each release asks for", () => {
    expect(authCorePeerOf("0.0.61")).toBeNull();
    expect(authCorePeerOf("0.0.72")).toBe("^0.36.0");
    expect(authCorePeerOf("0.0.93")).toBe("^0.37.0");
    expect(authCorePeerOf("0.0.94")).toBe("^0.41.1");
    expect(authCorePeerOf("2.0.0")).toBeNull();
  });

  it("picks the newest known release a range allows", () => {
    expect(newestReleaseIn("^0.0.90")).toBe("0.0.90"); // ^0.0.x is exact
    expect(newestReleaseIn(">=0.0.80 <0.0.94")).toBe("0.0.93");
    expect(newestReleaseIn("^0.0.96")).toBeNull();
  });

  it("reads yarn.lock (classic and berry) and bun.lock", () => {
    const classic = `"@auth/core@^0.37.0":\n  version "0.37.4"\n\n"@convex-dev/auth@^0.0.90":\n  version "0.0.90"\n`;
    expect(parseLockfile("yarn.lock", classic)).toMatchObject({ convexAuth: "0.0.90", authCore: "0.37.4" });
    const berry = `"@convex-dev/auth@npm:^0.0.88":\n  version: 0.0.88\n  resolution: "@convex-dev/auth@npm:0.0.88"\n`;
    expect(parseLockfile("yarn.lock", berry).convexAuth).toBe("0.0.88");
    const bun = `{\n  "packages": {\n    "@auth/core": ["@auth/core@0.37.4", "", {}, "sha512-a"],\n    "@convex-dev/auth": ["@convex-dev/auth@0.0.91", "", {}, "sha512-b"],\n  }\n}\n`;
    expect(parseLockfile("bun.lock", bun)).toMatchObject({ convexAuth: "0.0.91", authCore: "0.37.4" });
  });
});
