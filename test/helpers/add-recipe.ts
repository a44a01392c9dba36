/**
 * Recipe tests on the fixture apps: plan `add <provider>` (disk files, a deployment held in
 * memory, no git), summarise the plan, apply it to a temp copy and plan again.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyAdd, planAdd, type AddPlan } from "../../src/providers/add.ts";
import { APPS } from "./edits.ts";
import { memoryDeployment } from "./memory-deployment.ts";

export type Deployment = ReturnType<typeof memoryDeployment>;

export async function planOn(
  app: string,
  provider: string,
  options: Record<string, unknown> = {},
  {
    deployment = memoryDeployment(),
    cwd = join(APPS, app),
    env = {},
    client,
  }: { deployment?: Deployment; cwd?: string; env?: Record<string, string>; client?: boolean } = {},
): Promise<AddPlan> {
  return planAdd({
    cwd,
    provider,
    options,
    readDeployment: (target) => deployment.list(target),
    git: false,
    env,
    ...(client !== undefined && { client }),
  });
}

/** The plan in a form tests can compare whole. */
export function summary(added: AddPlan) {
  return {
    files: Object.fromEntries(added.plan.items.map((item) => [item.path, item.action])),
    env: added.plan.env.map((change) => `${change.name} ${change.target} ${change.status}`),
    install: added.plan.install.map((pkg) => `${pkg.name}@${pkg.version}`),
    steps: added.plan.humanSteps.map((step) => step.title),
    missing: added.missing.map((input) => input.flag),
  };
}

/** A file's new content in the plan (fails when the plan doesn't create or modify it). */
export function planned(added: AddPlan, path: string): string {
  const item = added.plan.items.find((i) => i.path === path);
  if (!item || item.action === "skip")
    throw new Error(`${path} is not changed by the plan: ${item?.reason ?? "absent"}`);
  return item.after;
}

/** Plans on a temp copy of the app, applies (no installs, deployment in memory), plans again. */
export async function applyThenReplan(
  app: string,
  provider: string,
  options: Record<string, unknown>,
  env: Record<string, string> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), `authwire-${provider}-`));
  const root = join(dir, app);
  cpSync(join(APPS, app), root, { recursive: true });
  const deployment = memoryDeployment();
  try {
    const first = await planOn(app, provider, options, { deployment, cwd: root, env });
    const result = await applyAdd(first, { install: false, io: { deployment } });
    const second = await planOn(app, provider, options, { deployment, cwd: root, env });
    return { first, result, second, deployment, root, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Plans on a temp copy of an app where one planned edit is refused and applies it: the apply must
 * stop before any write (all or nothing). Returns the plan, the error and whether any file changed.
 */
export async function applyRefused(app: string, provider: string, options: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), `authwire-${provider}-`));
  const root = join(dir, app);
  cpSync(join(APPS, app), root, { recursive: true });
  const snapshot = () =>
    Object.fromEntries(
      (readdirSync(root, { recursive: true }) as string[]).map((path) => {
        try {
          return [path, readFileSync(join(root, path), "utf8")];
        } catch {
          return [path, null]; // a folder
        }
      }),
    );
  const deployment = memoryDeployment();
  try {
    const before = snapshot();
    const plan = await planOn(app, provider, options, { deployment, cwd: root });
    const error = await applyAdd(plan, { install: false, io: { deployment } }).then(
      () => null,
      (caught: unknown) => caught,
    );
    return { plan, error, unchanged: JSON.stringify(snapshot()) === JSON.stringify(before), deployment };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
