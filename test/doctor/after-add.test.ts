/**
 * Precision over the whole support matrix: for every provider × baseline fixture, `add` is planned
 * and applied (no installs, the deployment held in memory), then doctor runs on the result with
 * that deployment's env as a `--dev-env` dump. A supported combination must come out with no
 * error or warning; an unsupported one must be refused with the `unsupported` code, before any write.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyAdd, planAdd, type AddRequest } from "../../src/providers/add.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { memoryDeployment } from "../helpers/memory-deployment.ts";
import { copyFixture, snapshot, tempDir } from "../helpers/project.ts";
import { clerkPublishableKey } from "../helpers/projects.ts";

const PROVIDERS: Record<string, { options: Record<string, unknown>; env?: Record<string, string> }> = {
  clerk: {
    options: { clerkPublishableKey: clerkPublishableKey("happy-otter-1.clerk.accounts.dev") },
    env: { CLERK_SECRET_KEY: "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b" },
  },
  auth0: {
    options: { auth0Domain: "https://acme-dev.eu.auth0.com/", auth0ClientId: "AbCdEf0123456789AbCdEf0123456789" },
  },
  "custom-jwt": {
    options: {
      issuer: "https://auth.acme.com",
      jwks: "https://auth.acme.com/.well-known/jwks.json",
      applicationId: "tasks-app",
    },
  },
  workos: {
    options: {
      workosTeam: "existing",
      workosClientId: "client_01JTESTDEVCLIENT0000000000",
      workosApiKey: "sk_test_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    },
  },
  "convex-auth": { options: { methods: ["password"] } },
  "better-auth": { options: {} },
};

/** The combinations authwire refuses, and the word its reason must contain (docs/commands/add.md). */
const UNSUPPORTED: Record<string, string> = {
  "auth0 tanstack-start-baseline": "TanStack",
  "convex-auth tanstack-start-baseline": "TanStack",
  // Convex Auth v2 (the default for new apps) declares next ^16; next-app-src is on Next 15.
  "convex-auth next-app-src": "Next 16",
  "workos next-pages-baseline": "App Router",
  "better-auth next-pages-baseline": "App Router",
};

const BASELINES = [
  "vite-baseline",
  "vite-port-3001",
  "next-app-baseline",
  "next-app-src",
  "next-app-nested-provider",
  "next-pages-baseline",
  "tanstack-start-baseline",
];

const temp = tempDir("authwire-after-add-");
afterAll(() => temp.cleanup());

/** What `npm install` would leave in package.json: the planned versions (installs are off here). */
function recordInstalls(root: string, install: { name: string; version: string; dev?: boolean }[]): void {
  const path = join(root, "package.json");
  const pkg = JSON.parse(readFileSync(path, "utf8")) as Record<string, Record<string, string> | undefined>;
  for (const item of install) {
    const field = item.dev ? "devDependencies" : "dependencies";
    pkg[field] = { ...pkg[field], [item.name]: item.version };
  }
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
}

describe("doctor after add, every provider × framework (deployment held in memory)", () => {
  for (const [provider, { options, env = {} }] of Object.entries(PROVIDERS)) {
    for (const fixture of BASELINES) {
      const refused = UNSUPPORTED[`${provider} ${fixture}`];
      const name = refused
        ? `${provider} on ${fixture}: refused as unsupported (${refused})`
        : `${provider} on ${fixture}: no errors or warnings after apply`;
      it(name, async () => {
        const root = copyFixture(`apps/${fixture}`, join(temp.dir, `${provider}-${fixture}`));
        const deployment = memoryDeployment();
        const request: AddRequest = {
          cwd: root,
          provider,
          options,
          env,
          git: false,
          readDeployment: (target: "dev" | "prod") => deployment.list(target),
        };
        if (refused) {
          const before = snapshot(root);
          await expect(planAdd(request)).rejects.toMatchObject({
            code: "unsupported",
            message: expect.stringContaining(refused),
          });
          expect(snapshot(root)).toEqual(before);
          return;
        }
        const added = await planAdd(request);
        expect(added.missing).toEqual([]);
        await applyAdd(added, { install: false, io: { deployment } });
        recordInstalls(root, added.plan.install);

        // As `npx convex env list --include-values` prints it: NAME=value, unquoted (the values are one line).
        const devEnv = join(temp.dir, `${provider}-${fixture}.env`);
        writeFileSync(
          devEnv,
          Object.entries(deployment.values.dev)
            .map(([key, value]) => `${key}=${value}\n`)
            .join(""),
        );
        const result = await runDoctor({ cwd: root, devEnv, offline: true, processEnv: {} });
        const problems = result.findings
          .filter((finding) => finding.severity !== "info")
          .map((finding) => `${finding.code} ${finding.file}:${finding.line} ${finding.message}`);
        expect(problems).toEqual([]);
        const checklist = Object.fromEntries(result.checklist.items.map((item) => [item.id, item.status]));
        expect(checklist).toMatchObject({ "auth-config": "pass", "env-dev": "pass", client: "pass" });
        expect(
          result.checklist.items.filter((item) => item.status === "fail").map((item) => `${item.id}: ${item.detail}`),
        ).toEqual([]);
      });
    }
  }
});
