/**
 * The deployment layer against a local stand-in deployment (HTTP + WebSocket sync on 127.0.0.1,
 * test/helpers/convex-deployment-standin.ts), driven by the real convex@1.48.0 CLI from
 * node_modules. No Convex deployment is reachable from here; the stand-in speaks the two
 * endpoints the env commands use.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode, HumanStepRequired, isAuthwireError } from "../errors.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../../test/helpers/convex-deployment-standin.ts";
import { tempDir } from "../../test/helpers/project.ts";
import { locateConvexCli } from "./convex-cli.ts";
import {
  convexEnvArgs,
  getDeploymentEnv,
  listDeploymentEnv,
  readDeploymentEnv,
  removeDeploymentEnv,
  setDeploymentEnv,
} from "./env.ts";

const REPO_NODE_MODULES = join(import.meta.dirname, "..", "..", "node_modules");
const PEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu
-----END PRIVATE KEY-----`;

let temp: ReturnType<typeof tempDir>;
let standin: DeploymentStandin;
let root: string;

/** A project with the real convex CLI (node_modules linked) and no deployment of its own configured. */
function convexProject(name: string): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, dependencies: { convex: "1.48.0" } }));
  symlinkSync(REPO_NODE_MODULES, join(dir, "node_modules"));
  return dir;
}

beforeAll(async () => {
  temp = tempDir("authwire-deploy-");
  standin = await startDeploymentStandin();
  root = convexProject("app");
});
afterAll(async () => {
  await standin.close();
  temp.cleanup();
});

const dev = () => ({ root, target: "dev" as const, env: standin.cliEnv, timeoutMs: 20_000 });

describe("deployment env through the real convex CLI (stand-in deployment on 127.0.0.1)", () => {
  it("finds the project's convex CLI in node_modules", () => {
    expect(locateConvexCli(root)?.args[0]).toMatch(/node_modules\/convex\/bin\/main\.js$/);
  });

  it("stand-in: set, get, list and remove a variable", async () => {
    standin.vars.clear();
    expect(await listDeploymentEnv(dev())).toEqual({});
    await setDeploymentEnv({ ...dev(), name: "CLERK_JWT_ISSUER_DOMAIN", value: "https://demo.clerk.accounts.dev" });
    expect(standin.vars.get("CLERK_JWT_ISSUER_DOMAIN")).toBe("https://demo.clerk.accounts.dev");
    expect(await getDeploymentEnv({ ...dev(), name: "CLERK_JWT_ISSUER_DOMAIN" })).toBe(
      "https://demo.clerk.accounts.dev",
    );
    expect(await getDeploymentEnv({ ...dev(), name: "NOT_SET" })).toBeUndefined();
    expect(await listDeploymentEnv(dev())).toEqual({ CLERK_JWT_ISSUER_DOMAIN: "https://demo.clerk.accounts.dev" });
    await removeDeploymentEnv({ ...dev(), name: "CLERK_JWT_ISSUER_DOMAIN" });
    expect(standin.vars.has("CLERK_JWT_ISSUER_DOMAIN")).toBe(false);
  });

  it("stand-in: multi-line and awkward values arrive and read back exactly", async () => {
    standin.vars.clear();
    const values = {
      JWT_PRIVATE_KEY: PEM,
      TRAILING_NEWLINE: "value\n",
      QUOTES_AND_HASH: `it's "quoted" # not a comment`,
      JWKS: '{"keys":[{"kty":"RSA","n":"0vx7","e":"AQAB"}]}',
      EMPTY: "",
      ALL_QUOTES_MULTILINE: "a'b\"c\nd\\n",
    };
    for (const [name, value] of Object.entries(values)) await setDeploymentEnv({ ...dev(), name, value });
    expect(Object.fromEntries(standin.vars)).toEqual(values);
    expect(await listDeploymentEnv(dev())).toEqual(values);
    expect(await getDeploymentEnv({ ...dev(), name: "JWT_PRIVATE_KEY" })).toBe(PEM);
  });

  it("stand-in: the secret goes to stdin; argv (recorded by a wrapper around the real CLI) never holds it", async () => {
    const argvLog = join(temp.dir, "argv.json");
    const wrapper = join(temp.dir, "record-argv.mjs");
    const cli = locateConvexCli(root)!;
    writeFileSync(
      wrapper,
      `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(argvLog)}, JSON.stringify(process.argv.slice(2)) + "\\n");\nprocess.argv[1] = ${JSON.stringify(cli.args[0])};\nawait import(${JSON.stringify(cli.args[0])});\n`,
    );
    const secret = "sk_live_51HqExampleSecretValue0123456789";
    await setDeploymentEnv({
      ...dev(),
      name: "CLERK_SECRET_KEY",
      value: secret,
      cli: { command: process.execPath, args: [wrapper] },
    });
    expect(standin.vars.get("CLERK_SECRET_KEY")).toBe(secret);
    const recorded = readFileSync(argvLog, "utf8");
    expect(recorded).toContain('["env","set","--","CLERK_SECRET_KEY"]');
    expect(recorded).not.toContain(secret);
  });

  it("targets production with --prod (argv), and never puts a value in argv", () => {
    expect(convexEnvArgs("list", "prod")).toEqual(["env", "list", "--include-values", "--prod"]);
    expect(convexEnvArgs("set", "prod", "JWKS")).toEqual(["env", "set", "--prod", "--", "JWKS"]);
    expect(convexEnvArgs("remove", "dev", "X")).toEqual(["env", "remove", "--", "X"]);
    expect(() => convexEnvArgs("get", "dev", "--prod")).toThrow(TypeError);
  });

  it("stand-in: a wrong admin key is a clear failure that doesn't echo the value", async () => {
    const error = await setDeploymentEnv({
      ...dev(),
      env: { ...standin.cliEnv, CONVEX_SELF_HOSTED_ADMIN_KEY: "wrong" },
      name: "X",
      value: "secret-value-123456",
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("deployment_command_failed");
    expect(JSON.stringify(isAuthwireError(error) && error.toJSON())).not.toContain("secret-value-123456");
    expect(standin.vars.has("X")).toBe(false);
  });

  it("real CLI, no deployment configured: HumanStepRequired with the `npx convex dev` step (exit 3)", async () => {
    const bare = convexProject("bare");
    const error = await listDeploymentEnv({
      root: bare,
      target: "dev",
      env: { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HumanStepRequired);
    expect((error as HumanStepRequired).exitCode).toBe(ExitCode.humanStep);
    expect((error as HumanStepRequired).steps[0]!.title).toBe("Run `npx convex dev` once in a terminal");
  });

  it("a project without the convex CLI: convex_cli_missing with the install hint", async () => {
    const empty = join(temp.dir, "no-cli");
    mkdirSync(empty);
    const error = await listDeploymentEnv({ root: empty, target: "dev" }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("convex_cli_missing");
    expect(isAuthwireError(error) && error.hint).toContain("npm install convex");
  });

  it("an unreachable deployment times out as deployment_unreachable", async () => {
    const error = await listDeploymentEnv({
      ...dev(),
      env: { CONVEX_SELF_HOSTED_URL: "http://127.0.0.1:9", CONVEX_SELF_HOSTED_ADMIN_KEY: "x" },
      timeoutMs: 2_500,
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("deployment_unreachable");
  });
});

describe("readDeploymentEnv", () => {
  it("reads a --dev-env dump file without running the CLI", async () => {
    writeFileSync(
      join(root, ".env.convex"),
      `CLERK_JWT_ISSUER_DOMAIN=https://a.clerk.accounts.dev\nJWT_PRIVATE_KEY='${PEM}'\n`,
    );
    expect(await readDeploymentEnv({ root, target: "dev", file: ".env.convex" })).toEqual({
      source: "file",
      file: ".env.convex",
      values: { CLERK_JWT_ISSUER_DOMAIN: "https://a.clerk.accounts.dev", JWT_PRIVATE_KEY: PEM },
    });
  });

  it("a missing dump file is a usage error that says how to make one", async () => {
    const error = await readDeploymentEnv({ root, target: "prod", file: "nope.env" }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("usage");
    expect(isAuthwireError(error) && error.hint).toContain("npx convex env list --include-values --prod > nope.env");
  });

  it("stand-in: reads live through the CLI when a deployment is configured", async () => {
    standin.vars.clear();
    standin.vars.set("SITE_URL", "http://localhost:5173");
    expect(await readDeploymentEnv({ root, target: "dev", env: standin.cliEnv })).toEqual({
      source: "live",
      values: { SITE_URL: "http://localhost:5173" },
    });
  });

  it("offline, or with no deployment configured, reads as none (with the step) without running the CLI", async () => {
    expect(await readDeploymentEnv({ root, target: "dev", offline: true, env: standin.cliEnv })).toMatchObject({
      source: "none",
    });
    const before = standin.events.length;
    const none = await readDeploymentEnv({
      root,
      target: "dev",
      env: { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "" },
    });
    expect(none).toMatchObject({ source: "none", steps: [{ title: "Run `npx convex dev` once in a terminal" }] });
    expect(standin.events.length).toBe(before);
  });
});

describe("stand-in: a refused admin key on the sync protocol", () => {
  // The CLI itself would wait forever; with a 10-minute timeout, only stopping it early finishes within the test's limit.
  it("stops the CLI at once with the deployment's message instead of waiting for the timeout", async () => {
    const error = await listDeploymentEnv({
      ...dev(),
      env: { ...standin.cliEnv, CONVEX_SELF_HOSTED_ADMIN_KEY: "wrong" },
      timeoutMs: 600_000,
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("deployment_command_failed");
    expect((error as Error).message).toContain("The provided admin key was invalid for this instance");
  });
});
