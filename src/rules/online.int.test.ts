import { afterAll, describe, expect, it } from "vitest";
import { staticEnvSource } from "../config/env-source.ts";
import { memoryFiles } from "../project/files.ts";
import { createFetcher } from "../oidc/http.ts";
import { startLocalIssuer } from "../verify/testing/local-issuer.ts";
import { jwks, makeKey } from "../verify/testing/token-factory.ts";
import { viteClerk, viteCustomJwt } from "../../test/helpers/projects.ts";
import { runDoctor } from "./run.ts";

// `doctor --online` on a machine without a network: a DNS failure, a refused connection or a
// timeout says nothing about the issuer, so doctor reports "couldn't check", not AW113/AW115.
const issuer = await startLocalIssuer();
afterAll(() => issuer.close());
const rsa = await makeKey("RS256", "k1");
const good = issuer.oidc({ path: "/good", jwks: jwks(rsa) }).issuer;
issuer.route("/slow/.well-known/openid-configuration", { body: {}, delayMs: 1_000 });

async function doctorOnline(files: Record<string, string>, env: Record<string, string>, timeoutMs = 5_000) {
  return runDoctor({
    cwd: "/virtual",
    files: memoryFiles(files, "/virtual"),
    envSource: staticEnvSource({ dev: env }, "test env"),
    online: { fetcher: createFetcher({ timeoutMs }) },
  });
}

const issuerStep = (result: Awaited<ReturnType<typeof runDoctor>>) =>
  result.checklist.items.find((item) => item.id === "issuer");
const onlineCodes = (result: Awaited<ReturnType<typeof runDoctor>>) =>
  result.findings.map((finding) => finding.code).filter((code) => ["AW113", "AW114", "AW115", "AW211"].includes(code));

describe("doctor --online without a network", () => {
  const app = viteClerk();

  it("a refused connection is 'couldn't check', not AW113", async () => {
    const result = await doctorOnline(app.files, { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" });
    expect(onlineCodes(result)).toEqual([]);
    expect(issuerStep(result)).toMatchObject({ status: "unknown" });
    expect(issuerStep(result)?.detail).toMatch(/^couldn't check: no answer from http:\/\/127\.0\.0\.1:9\/\.well-known/);
  });

  it("a DNS failure is 'couldn't check', not AW113", async () => {
    // .invalid never resolves (RFC 2606), online or not.
    const result = await doctorOnline(app.files, { CLERK_JWT_ISSUER_DOMAIN: "https://clerk.example.invalid" });
    expect(onlineCodes(result)).toEqual([]);
    expect(issuerStep(result)).toMatchObject({ status: "unknown" });
    expect(issuerStep(result)?.detail).toContain("clerk.example.invalid");
  });

  it("a timeout is 'couldn't check'", async () => {
    const result = await doctorOnline(app.files, { CLERK_JWT_ISSUER_DOMAIN: `${issuer.url}/slow` }, 200);
    expect(onlineCodes(result)).toEqual([]);
    expect(issuerStep(result)?.detail).toMatch(/couldn't check: .*timed out/);
  });

  it("a customJwt jwks URL that can't be reached is 'couldn't check', not AW115", async () => {
    const result = await doctorOnline(viteCustomJwt().files, {
      JWT_ISSUER: "https://issuer.example.com",
      JWT_JWKS_URL: "http://127.0.0.1:9/jwks.json",
    });
    expect(onlineCodes(result)).toEqual([]);
    expect(issuerStep(result)?.detail).toContain("couldn't check: no answer from http://127.0.0.1:9/jwks.json");
  });

  it("near miss: an issuer that answers 404 is still AW113, and a good one passes", async () => {
    const broken = await doctorOnline(app.files, { CLERK_JWT_ISSUER_DOMAIN: `${issuer.url}/missing` });
    expect(onlineCodes(broken)).toEqual(["AW113"]);
    expect(issuerStep(broken)).toMatchObject({ status: "fail" });
    const fine = await doctorOnline(app.files, { CLERK_JWT_ISSUER_DOMAIN: good });
    expect(onlineCodes(fine)).toEqual([]);
    expect(issuerStep(fine)).toMatchObject({ status: "pass" });
  });
});
