/**
 * Installing packages with the project's package manager at exact versions, with the installer's
 * own progress streamed to the caller (stderr in the CLI's human mode). `installCommands` is what
 * `--no-install` prints instead.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { AuthwireError, HumanStepRequired } from "../errors.ts";
import type { PackageManager } from "../project/facts.ts";

export interface PackageSpec {
  name: string;
  version: string;
  dev: boolean;
}

export interface InstallCommand {
  command: string;
  args: string[];
  /** The command as a user would type it. */
  display: string;
}

const FLAGS: Record<PackageManager, { verb: string[]; exact: string; dev: string }> = {
  npm: { verb: ["install"], exact: "--save-exact", dev: "--save-dev" },
  pnpm: { verb: ["add"], exact: "--save-exact", dev: "--save-dev" },
  yarn: { verb: ["add"], exact: "--exact", dev: "--dev" },
  bun: { verb: ["add"], exact: "--exact", dev: "--dev" },
};

/** One command for runtime dependencies and one for dev dependencies (only those needed). */
export function installCommands(packageManager: PackageManager, packages: PackageSpec[]): InstallCommand[] {
  const flags = FLAGS[packageManager];
  if (!flags) throw new TypeError(`Unknown package manager: ${String(packageManager)}`);
  const commands: InstallCommand[] = [];
  for (const dev of [false, true]) {
    const group = packages.filter((p) => p.dev === dev);
    if (group.length === 0) continue;
    const args = [
      ...flags.verb,
      flags.exact,
      ...(dev ? [flags.dev] : []),
      ...group.map((p) => `${p.name}@${p.version}`),
    ];
    commands.push({ command: packageManager, args, display: [packageManager, ...args].join(" ") });
  }
  return commands;
}

/** Whether an executable named `name` is on the PATH of `env`. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === "win32" ? [`${name}.cmd`, `${name}.exe`, name] : [name];
  for (const dir of (env.PATH ?? env.Path ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const candidate of names) {
      try {
        accessSync(join(dir, candidate), constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** How to get each package manager when it is missing (corepack ships pnpm and yarn, not bun). */
const INSTALL_STEPS: Record<PackageManager, { title: string; url: string }> = {
  npm: { title: "Install Node.js with npm", url: "https://nodejs.org/en/download" },
  pnpm: {
    title: "Install pnpm: `npm install -g corepack && corepack enable pnpm` (or `npm install -g pnpm`)",
    url: "https://pnpm.io/installation",
  },
  yarn: {
    title: "Install yarn: `npm install -g corepack && corepack enable yarn` (or `npm install -g yarn`)",
    url: "https://yarnpkg.com/getting-started/install",
  },
  bun: { title: "Install bun: `npm install -g bun`", url: "https://bun.sh/docs/installation" },
};

export interface Installer {
  /** The program to run and the arguments before the package manager's own (`corepack pnpm …`). */
  command: string;
  prefix: string[];
  /** Extra environment for it (corepack: no download prompt without a terminal). */
  env: NodeJS.ProcessEnv;
  via: "path" | "corepack";
}

/**
 * The package manager the lockfile names, as it can be run here: on the PATH, else through
 * corepack (Node's package-manager shim: pnpm and yarn), else a HumanStepRequired saying how to
 * install it. Called before anything is written.
 */
export function resolveInstaller(
  packageManager: PackageManager,
  env: NodeJS.ProcessEnv = process.env,
  root?: string,
): Installer {
  if (onPath(packageManager, env)) return { command: packageManager, prefix: [], env: {}, via: "path" };
  if ((packageManager === "pnpm" || packageManager === "yarn") && onPath("corepack", env)) {
    const pin =
      root === undefined
        ? null
        : corepackPin(
            packageManager,
            readText(join(root, "package.json")),
            readText(join(root, packageManager === "pnpm" ? "pnpm-lock.yaml" : "yarn.lock")),
          );
    return {
      command: "corepack",
      prefix: [pin ? `${packageManager}@${pin}` : packageManager],
      env: { COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" },
      via: "corepack",
    };
  }
  throw new HumanStepRequired(
    `The project uses ${packageManager} (its lockfile or packageManager field says so), but ${packageManager} is not installed here${packageManager === "pnpm" || packageManager === "yarn" ? " and corepack is not available" : ""}; nothing was written.`,
    {
      steps: [
        {
          ...INSTALL_STEPS[packageManager],
          why: `authwire installs the provider's packages with the project's own package manager, so the lockfile stays in step; or run again with --no-install and install them yourself.`,
        },
      ],
    },
  );
}

/**
 * The line of a failed program's output that says what went wrong. corepack (a Node script)
 * prints where it threw and the source line before `Error: …`, so the first `…Error: ` line
 * wins; else the first line that isn't a file position, a caret or a stack frame.
 */
export function firstErrorLine(output: string): string | undefined {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    lines.find((line) => /^(?:[A-Z][a-z]+ )?[A-Za-z]*Error: /.test(line)) ??
    lines.find((line) => !/^(?:at |\^|Node\.js v)|\.[cm]?js:\d+$/.test(line));
  // A line that opens a JSON dump ("…trusted keys: {") ends before it.
  return line?.replace(/:\s*[{[]$/, "");
}

/**
 * `resolveInstaller`, and when that is corepack, the package manager fetched before anything is
 * written: `corepack pnpm --version` in the project downloads the version its `packageManager`
 * field pins (or corepack's default) into corepack's cache, so the install after the writes runs
 * from there. corepack failing (no network, a registry whose package metadata it can't verify) is
 * a HumanStepRequired naming corepack's own error and how to get the package manager instead.
 */
export async function prepareInstaller(
  root: string,
  packageManager: PackageManager,
  options: Pick<RunInstallOptions, "env" | "timeoutMs"> = {},
): Promise<Installer> {
  const env = { ...process.env, ...options.env };
  const installer = resolveInstaller(packageManager, env, root);
  if (installer.via !== "corepack") return installer;
  const args = [...installer.prefix, "--version"];
  try {
    await runOne(
      root,
      { command: installer.command, args, display: [installer.command, ...args].join(" ") },
      { env: { ...options.env, ...installer.env }, timeoutMs: options.timeoutMs ?? 120_000 },
    );
  } catch (error) {
    const output = error instanceof AuthwireError ? error.details?.output : undefined;
    throw corepackCouldNotFetch(
      packageManager,
      firstErrorLine(typeof output === "string" ? output : "") ?? (error as Error).message,
    );
  }
  return installer;
}

/** The one message for corepack failing to fetch the package manager (see prepareInstaller). */
function corepackCouldNotFetch(packageManager: PackageManager, said: string): HumanStepRequired {
  const signature = /signature|signed by/i.test(said);
  return new HumanStepRequired(
    `The project uses ${packageManager}, which is not installed here, and corepack could not fetch ${packageManager} (corepack said "${said.replace(/\.$/, "")}"); nothing was written.`,
    {
      steps: [
        {
          title: `Install ${packageManager}: \`npm install -g ${packageManager}\``,
          url: INSTALL_STEPS[packageManager].url,
          why: `With ${packageManager} on the PATH authwire runs it directly, without corepack; or run again with --no-install and install the packages yourself.`,
        },
        signature
          ? {
              title:
                "Or give corepack the keys your registry signs packages with in COREPACK_INTEGRITY_KEYS (`COREPACK_INTEGRITY_KEYS=0` turns the check off: only for a registry you trust)",
              url: "https://github.com/nodejs/corepack#environment-variables",
              why: "corepack checks the package manager it downloads against npm's signing keys; the registry this machine reaches serves its metadata without a signature corepack knows (a mirror or a proxy does that).",
            }
          : {
              title:
                "Or fix what stopped corepack (the network, a proxy, COREPACK_NPM_REGISTRY) and run authwire again",
              url: "https://github.com/nodejs/corepack#troubleshooting",
              why: "corepack downloads the package manager from the npm registry the first time it runs it.",
            },
      ],
    },
  );
}

/**
 * The version corepack should run when the project doesn't pin one: without a `packageManager`
 * field corepack runs its own default, the newest release it knows, which may be majors ahead of
 * the lockfile (pnpm 11+ fails `pnpm add` on the build scripts older pnpm ran). The lockfile says
 * which major wrote it: pnpm lockfile 9.0 → pnpm 9, 6.0 → 8, 5.4 → 7, 5.3 → 6; yarn's v1 file → 1.
 * null: the field pins it (corepack reads it itself) or the lockfile doesn't tell.
 */
export function corepackPin(
  packageManager: "pnpm" | "yarn",
  packageJson: string | undefined,
  lockfile: string | undefined,
): string | null {
  try {
    const field = (JSON.parse(packageJson ?? "{}") as { packageManager?: unknown }).packageManager;
    if (typeof field === "string" && field.startsWith(`${packageManager}@`)) return null;
  } catch {
    // an unreadable package.json pins nothing
  }
  if (lockfile === undefined) return null;
  if (packageManager === "yarn") return /^# yarn lockfile v1\b/m.test(lockfile) ? "1" : null;
  const version = /^lockfileVersion: ['"]?(\d+(?:\.\d+)?)/m.exec(lockfile)?.[1];
  const writers: Record<string, string> = { "9": "9", "6": "8", "5.4": "7", "5.3": "6" };
  return version === undefined ? null : (writers[version.replace(/\.0$/, "")] ?? null);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

export interface RunInstallOptions {
  /** Where the installer's output goes as it runs (the CLI passes stderr); default: kept quiet. */
  output?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Default 10 minutes. */
  timeoutMs?: number;
}

/** Runs the install commands in order; a failure throws `install_failed` with the installer's last output. */
export async function runInstall(
  root: string,
  packageManager: PackageManager,
  packages: PackageSpec[],
  options: RunInstallOptions = {},
): Promise<void> {
  const installer = resolveInstaller(packageManager, { ...process.env, ...options.env }, root);
  for (const command of installCommands(packageManager, packages)) {
    await runOne(
      root,
      { ...command, command: installer.command, args: [...installer.prefix, ...command.args] },
      { ...options, env: { ...options.env, ...installer.env } },
    );
  }
}

function runOne(root: string, command: InstallCommand, options: RunInstallOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === "win32";
    const child = spawn(windows ? `${command.command}.cmd` : command.command, command.args, {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      shell: windows,
    });
    let tail = "";
    const collect = (chunk: Buffer) => {
      options.output?.write(chunk);
      tail = (tail + chunk.toString("utf8")).slice(-4000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(
        new AuthwireError("install_failed", `Could not run ${command.command}: ${error.message}`, {
          hint: `Install ${command.command}, or run \`${command.display}\` yourself.`,
          cause: error,
        }),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      reject(
        new AuthwireError(
          "install_failed",
          `\`${command.display}\` failed (${signal ? `killed by ${signal}` : `exit code ${code}`}).`,
          {
            hint: "Fix the error above (network, registry, peer dependencies), then run authwire again.",
            details: { output: tail },
          },
        ),
      );
    });
  });
}
