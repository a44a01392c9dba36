/**
 * Convex Auth key material and `authwire keys`: the generated pair signs and verifies (jose), the
 * decisions per current pair, and the whole path through the real convex@1.48.0 CLI against the
 * local stand-in deployment (test/helpers/convex-deployment-standin.ts on 127.0.0.1), with the
 * values on stdin and never in argv.
 */
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT, createLocalJWKSet, importPKCS8, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkKeyPair, normalizePem } from "../../config/convex-auth-keys.ts";
import { locateConvexCli } from "../../deployment/convex-cli.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../../../test/helpers/convex-deployment-standin.ts";
import { memoryDeployment } from "../../../test/helpers/memory-deployment.ts";
import { tempDir } from "../../../test/helpers/project.ts";
import { generateConvexAuthKeys } from "./key-material.ts";
import { SIGN_OUT_WARNING, applyKeys, planKeys, toKeysJson } from "./keys.ts";

const REPO_NODE_MODULES = join(import.meta.dirname, "..", "..", "..", "node_modules");

/** Signs a token the way Convex Auth does (RS256, no kid) and verifies it against the JWKS. */
async function signAndVerify(privateKey: string, jwks: string): Promise<string> {
  const key = await importPKCS8(normalizePem(privateKey)!.pem, "RS256");
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setSubject("user123|session456")
    .setIssuer("https://happy-otter-123.convex.site")
    .setAudience("convex")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(key);
  const { payload } = await jwtVerify(token, createLocalJWKSet(JSON.parse(jwks)), {
    issuer: "https://happy-otter-123.convex.site",
    audience: "convex",
  });
  return payload.sub!;
}

describe("generateConvexAuthKeys", () => {
  it("a 2048-bit PKCS#8 RS256 key stored on one line, and a one-key JWKS (use sig, no kid) that verifies its tokens", async () => {
    const keys = await generateConvexAuthKeys();
    expect(keys.JWT_PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY----- [A-Za-z0-9+/= ]+ -----END PRIVATE KEY-----$/);
    expect(keys.JWT_PRIVATE_KEY).not.toContain("\n");
    const details = createPrivateKey(normalizePem(keys.JWT_PRIVATE_KEY)!.pem).asymmetricKeyDetails;
    expect(details?.modulusLength).toBe(2048);
    const jwks = JSON.parse(keys.JWKS) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0]!).sort()).toEqual(["e", "kty", "n", "use"]);
    expect(jwks.keys[0]).toMatchObject({ use: "sig", kty: "RSA", e: "AQAB" });
    expect(await signAndVerify(keys.JWT_PRIVATE_KEY, keys.JWKS)).toBe("user123|session456");
    expect(checkKeyPair(keys)).toEqual({ status: "valid", problems: [] });
  });

  it("a token signed by another pair fails against this JWKS", async () => {
    const [a, b] = await Promise.all([generateConvexAuthKeys(), generateConvexAuthKeys()]);
    await expect(signAndVerify(a.JWT_PRIVATE_KEY, b.JWKS)).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
    expect(checkKeyPair({ JWT_PRIVATE_KEY: a.JWT_PRIVATE_KEY, JWKS: b.JWKS }).status).toBe("invalid");
  });
});

let temp: ReturnType<typeof tempDir>;
let standin: DeploymentStandin;
let root: string;

beforeAll(async () => {
  temp = tempDir("authwire-keys-");
  standin = await startDeploymentStandin();
  root = join(temp.dir, "app");
  mkdirSync(join(root, "convex"), { recursive: true });
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({ name: "app", private: true, dependencies: { convex: "1.48.0" } }),
  );
  symlinkSync(REPO_NODE_MODULES, join(root, "node_modules"));
});
afterAll(async () => {
  await standin.close();
  temp.cleanup();
});

describe("planKeys: what happens to each kind of current pair", () => {
  const seam = (dev: Record<string, string>) => ({ cwd: root, env: {}, readDeployment: async () => dev });

  it("missing: a fresh pair is set; applied through the engine and read back valid", async () => {
    const keys = await planKeys(seam({}));
    expect(keys).toMatchObject({
      target: "dev",
      action: "set",
      before: { status: "missing" },
      warnings: [],
      problems: [],
    });
    expect(keys.plan.env.map((c) => `${c.name} ${c.status}`)).toEqual(["JWT_PRIVATE_KEY set", "JWKS set"]);
    const deployment = memoryDeployment();
    const applied = await applyKeys(keys, { io: { deployment } });
    expect(applied.verified).toBe(true);
    expect(await signAndVerify(deployment.values.dev.JWT_PRIVATE_KEY!, deployment.values.dev.JWKS!)).toBe(
      "user123|session456",
    );
  });

  it("valid: left alone (unchanged), nothing generated or set, exit-0 shape", async () => {
    const existing = await generateConvexAuthKeys();
    const keys = await planKeys(seam(existing));
    expect(keys.action).toBe("keep");
    expect(keys.plan.env.map((c) => `${c.name} ${c.status}`)).toEqual(["JWT_PRIVATE_KEY unchanged", "JWKS unchanged"]);
    const deployment = memoryDeployment({ dev: existing });
    await applyKeys(keys, { io: { deployment } });
    expect(deployment.log.filter((line) => line.startsWith("set"))).toEqual([]);
    expect(toKeysJson(keys)).toMatchObject({ status: "valid", action: "keep", applied: false, verified: null });
  });

  it("broken (PKCS#1 key) or mismatched: reported, nothing planned, and the --rotate step named", async () => {
    const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    const [a, b] = await Promise.all([generateConvexAuthKeys(), generateConvexAuthKeys()]);
    const broken = await planKeys(seam({ JWT_PRIVATE_KEY: pkcs1, JWKS: a.JWKS }));
    expect(broken).toMatchObject({ action: "refused", before: { status: "invalid" } });
    expect(broken.problems).toEqual([expect.stringContaining('is a "RSA PRIVATE KEY" PEM; Convex Auth needs PKCS#8')]);
    expect(broken.plan.env).toEqual([]);
    expect(toKeysJson(broken).humanSteps).toEqual([expect.objectContaining({ title: "Run `authwire keys --rotate`" })]);

    const mismatched = await planKeys(seam({ JWT_PRIVATE_KEY: a.JWT_PRIVATE_KEY, JWKS: b.JWKS }));
    expect(mismatched.action).toBe("refused");
    expect(toKeysJson(mismatched).problems).toEqual([
      { id: "mismatch", message: expect.stringContaining("doesn't hold the public half") },
    ]);

    const half = await planKeys(seam({ JWKS: a.JWKS }));
    expect(half).toMatchObject({ action: "refused", before: { status: "partial" } });
    expect(half.problems[0]).toBe(
      "The dev deployment has JWKS but no JWT_PRIVATE_KEY: Convex Auth needs both halves of one pair.",
    );
  });

  it("--rotate: a valid or broken pair is replaced, with the sign-out warning; a missing one is just set", async () => {
    const existing = await generateConvexAuthKeys();
    const rotated = await planKeys({ ...seam(existing), rotate: true });
    expect(rotated).toMatchObject({ action: "rotate", warnings: [SIGN_OUT_WARNING] });
    expect(rotated.plan.env.map((c) => `${c.name} ${c.status}`)).toEqual(["JWT_PRIVATE_KEY set", "JWKS set"]);
    expect(rotated.plan.env[0]!.value!.reveal()).not.toBe(existing.JWT_PRIVATE_KEY);
    const deployment = memoryDeployment({ dev: existing });
    expect((await applyKeys(rotated, { io: { deployment } })).verified).toBe(true);
    expect(deployment.values.dev.JWKS).not.toBe(existing.JWKS);

    const brokenRotated = await planKeys({ ...seam({ JWT_PRIVATE_KEY: "garbage", JWKS: "{}" }), rotate: true });
    expect(brokenRotated).toMatchObject({
      action: "rotate",
      warnings: [SIGN_OUT_WARNING],
      before: { status: "invalid" },
    });
    const fresh = await planKeys({ ...seam({}), rotate: true });
    expect(fresh).toMatchObject({ action: "set", warnings: [] });
  });

  it("--prod reads and sets the production deployment, with its own pair", async () => {
    const devKeys = await generateConvexAuthKeys();
    const keys = await planKeys({
      cwd: root,
      env: {},
      prod: true,
      readDeployment: async (target) => (target === "dev" ? devKeys : {}),
    });
    expect(keys).toMatchObject({ target: "prod", action: "set" });
    const deployment = memoryDeployment({ dev: devKeys });
    await applyKeys(keys, { io: { deployment } });
    expect(checkKeyPair(deployment.values.prod).status).toBe("valid");
    expect(deployment.values.prod.JWT_PRIVATE_KEY).not.toBe(devKeys.JWT_PRIVATE_KEY);
    expect(deployment.values.dev).toEqual(devKeys);
  });
});

describe("authwire keys through the real convex CLI (stand-in deployment on 127.0.0.1)", () => {
  const cli = () => ({ env: standin.cliEnv, timeoutMs: 30_000 });

  it("stand-in: sets a fresh pair over stdin (argv recorded by a wrapper never holds it), reads it back valid, then keeps it", async () => {
    standin.vars.clear();
    const keys = await planKeys({ cwd: root, env: standin.cliEnv, timeoutMs: 30_000 });
    expect(keys.action).toBe("set");
    const argvLog = join(temp.dir, "argv.json");
    const wrapper = join(temp.dir, "record-argv.mjs");
    const real = locateConvexCli(root)!;
    writeFileSync(
      wrapper,
      `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(argvLog)}, JSON.stringify(process.argv.slice(2)) + "\\n");\nprocess.argv[1] = ${JSON.stringify(real.args[0])};\nawait import(${JSON.stringify(real.args[0])});\n`,
    );
    const applied = await applyKeys(keys, {
      deployment: { ...cli(), cli: { command: process.execPath, args: [wrapper] } },
    });
    expect(applied.result.envSet).toEqual(["dev:JWT_PRIVATE_KEY", "dev:JWKS"]);
    expect(applied.verified).toBe(true);

    const privateKey = standin.vars.get("JWT_PRIVATE_KEY")!;
    const jwks = standin.vars.get("JWKS")!;
    expect(await signAndVerify(privateKey, jwks)).toBe("user123|session456");
    const argv = readFileSync(argvLog, "utf8");
    expect(argv).toContain('["env","set","--","JWT_PRIVATE_KEY"]');
    expect(argv).not.toContain("PRIVATE KEY-----");
    expect(argv).not.toContain(JSON.parse(jwks).keys[0].n.slice(0, 40));
    // Masked in the JSON output.
    const json = JSON.stringify(toKeysJson(keys, applied));
    expect(json).not.toContain(privateKey.slice(30, 90));
    expect(JSON.parse(json)).toMatchObject({
      action: "set",
      applied: true,
      verified: true,
      env: [
        { name: "JWT_PRIVATE_KEY", secret: true, status: "set" },
        { name: "JWKS", status: "set" },
      ],
    });

    const again = await planKeys({ cwd: root, env: standin.cliEnv, timeoutMs: 30_000 });
    expect(again.action).toBe("keep");
    expect(again.plan.env.map((c) => c.status)).toEqual(["unchanged", "unchanged"]);
  }, 90_000);

  it("stand-in: --rotate replaces the pair on the deployment; the old key's tokens no longer verify", async () => {
    const oldKey = standin.vars.get("JWT_PRIVATE_KEY")!;
    const rotated = await planKeys({ cwd: root, env: standin.cliEnv, timeoutMs: 30_000, rotate: true });
    expect(rotated.warnings).toEqual([SIGN_OUT_WARNING]);
    await applyKeys(rotated, { deployment: cli() });
    expect(standin.vars.get("JWT_PRIVATE_KEY")).not.toBe(oldKey);
    await expect(signAndVerify(oldKey, standin.vars.get("JWKS")!)).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  }, 90_000);

  it("no deployment configured: HumanStepRequired with the `npx convex dev` step", async () => {
    await expect(
      planKeys({ cwd: root, env: { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "" } }),
    ).rejects.toMatchObject({
      code: "human_step_required",
      steps: [expect.objectContaining({ title: "Run `npx convex dev` once in a terminal" })],
    });
  });
});
