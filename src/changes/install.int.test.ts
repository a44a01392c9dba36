import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAuthwireError } from "../errors.ts";
import { tempDir } from "../../test/helpers/project.ts";
import { installCommands, onPath, prepareInstaller, resolveInstaller, runInstall } from "./install.ts";

const PACKAGES = [
  { name: "@clerk/react", version: "6.1.2", dev: false },
  { name: "convex", version: "1.48.0", dev: false },
  { name: "@types/node", version: "20.19.43", dev: true },
];

describe("installCommands", () => {
  it.each([
    [
      "npm",
      [
        "npm install --save-exact @clerk/react@6.1.2 convex@1.48.0",
        "npm install --save-exact --save-dev @types/node@20.19.43",
      ],
    ],
    [
      "pnpm",
      [
        "pnpm add --save-exact @clerk/react@6.1.2 convex@1.48.0",
        "pnpm add --save-exact --save-dev @types/node@20.19.43",
      ],
    ],
    ["yarn", ["yarn add --exact @clerk/react@6.1.2 convex@1.48.0", "yarn add --exact --dev @types/node@20.19.43"]],
    ["bun", ["bun add --exact @clerk/react@6.1.2 convex@1.48.0", "bun add --exact --dev @types/node@20.19.43"]],
  ] as const)("%s: exact versions, runtime and dev dependencies apart", (manager, expected) => {
    const commands = installCommands(manager, PACKAGES);
    expect(commands.map((c) => c.display)).toEqual(expected);
    expect(commands[0]!.command).toBe(manager);
    expect(commands[0]!.args).toEqual(expected[0].split(" ").slice(1));
  });

  it("only the groups that have packages", () => {
    expect(installCommands("npm", [PACKAGES[2]!]).map((c) => c.display)).toEqual([
      "npm install --save-exact --save-dev @types/node@20.19.43",
    ]);
    expect(installCommands("pnpm", [])).toEqual([]);
  });
});

describe("runInstall", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir("authwire-install-");
  });
  afterAll(() => temp.cleanup());

  function project(name: string): string {
    const root = join(temp.dir, name);
    mkdirSync(root);
    writeFileSync(
      join(root, "package.json"),
      `${JSON.stringify({ name, version: "1.0.0", private: true }, null, 2)}\n`,
    );
    return root;
  }

  it("really installs a tiny package with npm at the exact version, streaming npm's output", async () => {
    const root = project("real-npm");
    const output = new PassThrough();
    let streamed = "";
    output.on("data", (chunk: Buffer) => (streamed += chunk.toString("utf8")));
    await runInstall(root, "npm", [{ name: "is-number", version: "7.0.0", dev: false }], {
      output,
      env: { npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
    });
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies).toEqual({ "is-number": "7.0.0" });
    expect(existsSync(join(root, "node_modules", "is-number", "package.json"))).toBe(true);
    expect(existsSync(join(root, "package-lock.json"))).toBe(true);
    expect(streamed).toMatch(/added 1 package/);
  });

  it("a package manager that isn't there, nor corepack: a human step saying how to install it", async () => {
    const root = project("no-pm");
    const error = await runInstall(root, "pnpm", [{ name: "is-number", version: "7.0.0", dev: false }], {
      env: { PATH: join(temp.dir, "empty-bin") },
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("human_step_required");
    expect(isAuthwireError(error) && error.message).toContain(
      "pnpm is not installed here and corepack is not available",
    );
    expect(isAuthwireError(error) && error.hint).toContain("corepack enable pnpm");
    expect(existsSync(join(root, "node_modules"))).toBe(false);
  });

  it("pnpm missing but corepack there: runs `corepack pnpm add …` without a download prompt", async () => {
    const root = project("corepack");
    const bin = join(temp.dir, "corepack-bin");
    mkdirSync(bin);
    const log = join(temp.dir, "corepack.log");
    // A stand-in corepack that records how it was called (the real one would fetch pnpm from the registry).
    writeFileSync(
      join(bin, "corepack"),
      `#!/bin/sh\necho "$COREPACK_ENABLE_DOWNLOAD_PROMPT $*" >> ${JSON.stringify(log)}\n`,
      { mode: 0o755 },
    );
    expect(resolveInstaller("pnpm", { PATH: bin }).via).toBe("corepack");
    await runInstall(root, "pnpm", PACKAGES, { env: { PATH: bin } });
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "0 pnpm add --save-exact @clerk/react@6.1.2 convex@1.48.0",
      "0 pnpm add --save-exact --save-dev @types/node@20.19.43",
    ]);
  });

  it("the real corepack unable to reach its registry (COREPACK_NPM_REGISTRY on a closed local port): prepareInstaller is a human step quoting corepack's error", async () => {
    const folder = (process.env.PATH ?? "").split(delimiter).find((dir) => dir && onPath("corepack", { PATH: dir }));
    if (!folder)
      throw new Error("corepack is not on the PATH: this test runs Node's real corepack (it ships with Node 20).");
    const bin = join(temp.dir, "real-corepack-bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    symlinkSync(join(folder, "corepack"), join(bin, "corepack"));
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const root = project("corepack-offline");
    writeFileSync(
      join(root, "package.json"),
      `${JSON.stringify({ name: "corepack-offline", private: true, packageManager: "pnpm@9.15.0" })}\n`,
    );
    const error = await prepareInstaller(root, "pnpm", {
      env: {
        PATH: bin,
        COREPACK_HOME: join(temp.dir, "corepack-offline-home"),
        COREPACK_NPM_REGISTRY: `http://127.0.0.1:${port}`,
      },
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("human_step_required");
    expect(isAuthwireError(error) && error.message).toContain(
      `corepack could not fetch pnpm (corepack said "Error: Error when performing the request to http://127.0.0.1:${port}/pnpm/9.15.0;`,
    );
    expect(isAuthwireError(error) && error.hint).toMatch(
      /^Install pnpm: `npm install -g pnpm`; or fix what stopped corepack \(the network, a proxy, COREPACK_NPM_REGISTRY\)/,
    );
    expect(existsSync(join(root, "node_modules"))).toBe(false);
  });

  it("bun is not shipped by corepack: a human step even when corepack is there", () => {
    const bin = join(temp.dir, "corepack-bin");
    expect(() => resolveInstaller("bun", { PATH: bin })).toThrow(/bun is not installed here/);
    expect(resolveInstaller("npm", { PATH: process.env.PATH }).via).toBe("path");
  });

  it("a failing install: install_failed with the installer's last output", async () => {
    const root = project("failing");
    writeFileSync(join(root, "package.json"), "{ not json\n");
    const error = await runInstall(root, "npm", [{ name: "is-number", version: "7.0.0", dev: false }], {
      env: { npm_config_audit: "false", npm_config_fund: "false", npm_config_offline: "true" },
    }).catch((e: unknown) => e);
    expect(isAuthwireError(error) && error.code).toBe("install_failed");
    expect(JSON.stringify(isAuthwireError(error) && error.details)).toMatch(/JSON/i);
  });
});
