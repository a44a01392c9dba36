/**
 * Installing packages with the project's package manager at exact versions, with the installer's
 * own progress streamed to the caller (stderr in the CLI's human mode). `installCommands` is what
 * `--no-install` prints instead.
 */
import { spawn } from "node:child_process";
import { AuthwireError } from "../errors.ts";
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
  for (const command of installCommands(packageManager, packages)) {
    await runOne(root, command, options);
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
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
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
