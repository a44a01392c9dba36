/**
 * Human steps that are a command (`npx convex dev --once` for the first WorkOS provisioning):
 * when a human is at the terminal, offer to run them right there with the terminal attached, so
 * their own prompts work. Without a terminal they stay instructions (exit 3).
 */
import { spawn } from "node:child_process";
import type { HumanStep } from "../errors.ts";
import type { Io } from "../io.ts";

export type RunCommand = (command: string, cwd: string) => Promise<number>;

/** Runs `command` through the shell in `cwd` with this terminal attached; resolves its exit code. */
export const runInTerminal: RunCommand = (command, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, shell: true, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });

/**
 * Asks, for each step with a command, whether to run it now (default yes), and runs the accepted
 * ones in order. Returns the steps whose command exited 0 (the caller re-plans to see what's left).
 */
export async function offerStepCommands(
  steps: HumanStep[],
  cwd: string,
  io: Io,
  run: RunCommand = runInTerminal,
): Promise<HumanStep[]> {
  const done: HumanStep[] = [];
  for (const step of steps) {
    if (!step.command) continue;
    if (
      !(await io.confirm(`Run \`${step.command}\` now? (${step.title}; it asks its own questions)`, { default: true }))
    )
      continue;
    if ((await run(step.command, cwd)) === 0) done.push(step);
  }
  return done;
}
