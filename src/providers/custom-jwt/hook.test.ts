import { describe, expect, it } from "vitest";
import { hookSource, idpName } from "./hook.ts";

describe("the generated hook", () => {
  it("is named from --idp-name, else from the issuer's domain, else Idp", () => {
    expect(idpName("acme", undefined)).toBe("Acme");
    expect(idpName("my-idp", "https://x.example.com")).toBe("MyIdp");
    expect(idpName(undefined, "https://auth.acme-corp.co.uk/realms/main")).toBe("AcmeCorp");
    expect(idpName(undefined, "http://localhost:4000")).toBe("Idp");
    expect(idpName(undefined, undefined)).toBe("Idp");
    expect(() => idpName("42", undefined)).toThrow(/--idp-name should be a short name starting with a letter/);
  });

  it("memoizes its result and passes forceRefreshToken on as a fresh-token request", () => {
    const source = hookSource("Acme", { typescript: true, issuer: "https://auth.acme.com", applicationId: "tasks" });
    expect(source).toContain("export function useAuthFromAcme() {");
    expect(source).toContain("return (await getToken({ forceRefresh: forceRefreshToken })) ?? null;");
    expect(source).toContain("    },\n    [getToken],\n  );");
    expect(source).toContain(
      "return useMemo(() => ({ isLoading, isAuthenticated, fetchAccessToken }), [isLoading, isAuthenticated, fetchAccessToken]);",
    );
    expect(source).toContain("(iss https://auth.acme.com, aud tasks)");
  });

  it("has a plain JavaScript form for apps without TypeScript", () => {
    const source = hookSource("Acme", { typescript: false });
    expect(source).not.toMatch(/: \{ forceRefreshToken: boolean \}|interface|: AcmeSession/);
    expect(source).toContain("async ({ forceRefreshToken }) => {");
  });
});
