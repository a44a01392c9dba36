/**
 * The version an app runs (installed, else locked). Lockfile shapes written by hand for npm, pnpm
 * (v9, and a scoped name beside another copy in packages), yarn (v1 and berry), bun.
 */
import { describe, expect, it } from "vitest";
import { memoryFiles } from "./files.ts";
import { dependenciesOf, installDirs, lockedVersion, runningVersion } from "./lockfiles.ts";

const runningConvexVersion = async (files: ReturnType<typeof memoryFiles>) =>
  (await runningVersion((path) => files.read(path), "convex"))?.version;

const npmLock = (version: string) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: {
      "": { dependencies: { convex: "^1.44.0" } },
      "node_modules/convex": { version },
      "node_modules/other/node_modules/convex": { version: "1.10.0" },
    },
  });

const pnpmLock = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      '@convex-dev/auth':
        specifier: 2.0.0
        version: 2.0.0(convex@1.44.0)
      convex:
        specifier: ^1.44.0
        version: 1.44.0(react@19.2.0)
    devDependencies:
      typescript:
        specifier: ^5.9.3
        version: 5.9.3

packages:

  convex@1.44.0:
    resolution: {integrity: sha512-x}
`;

describe("runningVersion / lockedVersion", () => {
  it("reads node_modules first, then the lockfile", async () => {
    expect(
      await runningConvexVersion(
        memoryFiles({
          "node_modules/convex/package.json": '{"name":"convex","version":"1.48.0"}',
          "package-lock.json": npmLock("1.44.0"),
        }),
      ),
    ).toBe("1.48.0");
    expect(await runningConvexVersion(memoryFiles({ "package-lock.json": npmLock("1.44.0") }))).toBe("1.44.0");
  });

  it("pnpm v9 (the root importer), yarn v1 and berry, bun", async () => {
    expect(await runningConvexVersion(memoryFiles({ "pnpm-lock.yaml": pnpmLock }))).toBe("1.44.0");
    expect(
      await runningConvexVersion(
        memoryFiles({
          "yarn.lock": 'convex-helpers@^0.1.0:\n  version "0.1.135"\n\nconvex@^1.44.0:\n  version "1.44.2"\n',
        }),
      ),
    ).toBe("1.44.2");
    expect(
      await runningConvexVersion(
        memoryFiles({ "yarn.lock": '"convex@npm:^1.44.0":\n  version: 1.45.1\n  resolution: "convex@npm:1.45.1"\n' }),
      ),
    ).toBe("1.45.1");
    expect(
      await runningConvexVersion(
        memoryFiles({
          "bun.lock":
            '{\n  "packages": {\n    "convex-helpers": ["convex-helpers@0.1.135", ""],\n    "convex": ["convex@1.46.0", ""],\n  }\n}\n',
        }),
      ),
    ).toBe("1.46.0");
  });

  it("pnpm: the root importer's copy of a scoped package wins over another copy in packages", () => {
    const lock = pnpmLock.replace(
      "packages:\n",
      "packages:\n\n  '@convex-dev/auth@0.0.90':\n    resolution: {integrity: sha512-y}\n",
    );
    expect(lockedVersion("pnpm-lock.yaml", lock, "@convex-dev/auth")).toBe("2.0.0");
    expect(
      lockedVersion("pnpm-lock.yaml", "packages:\n\n  /@auth/core@0.37.4:\n    resolution: {}\n", "@auth/core"),
    ).toBe("0.37.4");
  });

  it("a workspace app: a hoisted node_modules, else the workspace root's lockfile", async () => {
    expect(installDirs("../..")).toEqual([".", "..", "../.."]);
    expect(installDirs(null)).toEqual(["."]);
    const hoisted = memoryFiles({
      "package.json": '{"dependencies":{"convex":"^1.44.0"}}',
      "../../node_modules/convex/package.json": '{"version":"1.48.0"}',
      "../../pnpm-lock.yaml": pnpmLock,
    });
    const read = (path: string) => hoisted.read(path);
    expect(await runningVersion(read, "convex", "../..")).toEqual({ version: "1.48.0", source: "node_modules" });
    // Without the workspace root only the app's own folder counts.
    expect(await runningVersion(read, "convex")).toBe(undefined);
    const locked = memoryFiles({ "../../pnpm-lock.yaml": pnpmLock });
    expect(await runningVersion((path) => locked.read(path), "convex", "../..")).toEqual({
      version: "1.44.0",
      source: "../../pnpm-lock.yaml",
    });
  });

  it("nothing installed or locked (or unreadable): unknown", async () => {
    expect(await runningConvexVersion(memoryFiles({ "package.json": '{"dependencies":{"convex":"^1.44.0"}}' }))).toBe(
      undefined,
    );
    expect(await runningConvexVersion(memoryFiles({ "package-lock.json": "{ not json" }))).toBe(undefined);
  });
});

describe("dependenciesOf", () => {
  const read = (files: Record<string, string>) => {
    const memory = memoryFiles(files);
    return (path: string) => memory.read(path);
  };

  it("reads the installed package.json (hoisted to the workspace root), else the npm lockfile, else says null", async () => {
    const installed = '{"name":"@clerk/nextjs","dependencies":{"@clerk/react":"^6.0.0"}}';
    const lock = JSON.stringify({
      packages: { "node_modules/@clerk/nextjs": { dependencies: { "@clerk/clerk-react": "^5.0.0" } } },
    });
    expect(
      await dependenciesOf(read({ "node_modules/@clerk/nextjs/package.json": installed }), "@clerk/nextjs"),
    ).toEqual({
      "@clerk/react": "^6.0.0",
    });
    expect(
      await dependenciesOf(
        read({ "../../node_modules/@clerk/nextjs/package.json": installed }),
        "@clerk/nextjs",
        "../..",
      ),
    ).toEqual({ "@clerk/react": "^6.0.0" });
    expect(await dependenciesOf(read({ "package-lock.json": lock }), "@clerk/nextjs")).toEqual({
      "@clerk/clerk-react": "^5.0.0",
    });
    expect(await dependenciesOf(read({ "yarn.lock": "" }), "@clerk/nextjs")).toBeNull();
  });
});
