/**
 * The human preview of a plan: CREATE / MODIFY / SKIP lines, env changes (values masked),
 * packages, human steps, warnings, then a coloured unified diff (jsdiff). `--dry-run` prints exactly this.
 *
 * One masking policy for the table and the diff: a value the plan declares public (`secret: false`:
 * publishable keys, issuer URLs, client IDs, which ship to browsers by design) is shown as it is;
 * a secret is masked; any other value in a dotenv file (one authwire didn't plan) is hidden.
 */
import { createTwoFilesPatch } from "diff";
import type { ApplyResult } from "../../changes/apply.ts";
import { installCommands } from "../../changes/install.ts";
import { fileChanges, type EnvChange, type Plan, type PlanItem } from "../../changes/plan.ts";
import { scanDotenv } from "../../edit/dotenv.ts";
import type { RecoveryResult } from "../../changes/journal.ts";
import type { Colors } from "../output.ts";
import { displayWidth, padDisplay } from "./text.ts";

export interface RenderPlanOptions {
  /** Show the unified diff (default true). */
  diff?: boolean;
  /** Without the diff: say how to see it (default false). */
  diffHint?: boolean;
  /** Show the human steps (default true; false when the summary after applying lists them). */
  steps?: boolean;
  /** A heading, e.g. "authwire add clerk". */
  title?: string;
}

const ACTION_LABEL: Record<PlanItem["action"], string> = { create: "CREATE", modify: "MODIFY", skip: "SKIP" };

function where(change: EnvChange): string {
  return change.target === "local" ? change.file! : `${change.target} deployment`;
}

/** A dotenv file with every value replaced (but the `shown` public ones); values that changed say so. */
export function maskDotenvContent(
  content: string,
  changed: Set<string> = new Set(),
  shown: Set<string> = new Set(),
): string {
  let out = "";
  let last = 0;
  for (const assignment of scanDotenv(content)) {
    out += content.slice(last, assignment.valueStart);
    if (shown.has(assignment.key)) {
      last = assignment.valueStart;
      continue;
    }
    out += changed.has(assignment.key) ? "[new value hidden]" : "[value hidden]";
    last = assignment.valueEnd;
  }
  return out + content.slice(last);
}

function changedKeys(before: string | undefined, after: string): Set<string> {
  const old = new Map<string, string>();
  if (before !== undefined) for (const a of scanDotenv(before)) old.set(a.key, before.slice(a.valueStart, a.valueEnd));
  const keys = new Set<string>();
  for (const a of scanDotenv(after)) if (old.get(a.key) !== after.slice(a.valueStart, a.valueEnd)) keys.add(a.key);
  return keys;
}

/** The variables a plan writes to `file` whose values are public (shown in the table, so in the diff). */
export function publicNames(plan: Plan, file: string): Set<string> {
  return new Set(
    plan.env
      .filter((change) => change.target === "local" && !change.secret && (change.file ?? ".env.local") === file)
      .map((change) => change.name),
  );
}

/** The unified diff of one planned file, coloured; dotenv files with values hidden but the `shown` public ones. */
export function renderFileDiff(item: PlanItem, colors: Colors, shown: Set<string> = new Set()): string {
  if (item.action === "skip") return "";
  const before = item.action === "modify" ? item.before : undefined;
  let [oldText, newText] = [before ?? "", item.after];
  if (item.sensitive) {
    oldText = before === undefined ? "" : maskDotenvContent(before, new Set(), shown);
    newText = maskDotenvContent(item.after, changedKeys(before, item.after), shown);
  }
  const patch = createTwoFilesPatch(
    item.action === "create" ? "/dev/null" : `a/${item.path}`,
    `b/${item.path}`,
    oldText,
    newText,
    "",
    "",
    {
      context: 3,
    },
  );
  return patch
    .split("\n")
    .filter((line) => !/^={10,}$/.test(line))
    .map((line) => {
      const text = line.replace(/\r$/, "");
      if (text.startsWith("+++") || text.startsWith("---")) return colors.bold(text);
      if (text.startsWith("@@")) return colors.cyan(text);
      if (text.startsWith("+")) return colors.green(text);
      if (text.startsWith("-")) return colors.red(text);
      if (text.startsWith("\\")) return colors.dim(text);
      return text;
    })
    .join("\n")
    .trimEnd();
}

export function renderPlan(plan: Plan, colors: Colors, options: RenderPlanOptions = {}): string {
  const { bold, dim, green, yellow, red } = colors;
  const lines: string[] = [];
  const counts = { create: 0, modify: 0, skip: 0 };
  for (const item of plan.items) counts[item.action] += 1;
  const summary = [
    counts.create && `${counts.create} to create`,
    counts.modify && `${counts.modify} to modify`,
    counts.skip && `${counts.skip} already done or skipped`,
  ].filter(Boolean);
  lines.push(bold(`${options.title ?? "Plan"}${summary.length ? ` — ${summary.join(", ")}` : " — no file changes"}`));

  const width = Math.max(0, ...plan.items.map((i) => displayWidth(i.path)));
  for (const item of plan.items) {
    const label = ACTION_LABEL[item.action].padEnd(6);
    const colored = item.action === "create" ? green(label) : item.action === "modify" ? yellow(label) : dim(label);
    const reason = item.action === "skip" && item.problem ? red(item.reason) : dim(item.reason);
    lines.push(`  ${colored}  ${padDisplay(item.path, width)}  ${reason}`);
  }

  if (plan.env.length > 0) {
    lines.push("", bold("Env"));
    // Public values (issuer URLs, client IDs, publishable keys) are shown; secrets only masked.
    const shown = (change: EnvChange) =>
      change.value ? `${change.secret ? `${change.value.masked} (secret)` : change.value.reveal()}` : "(no value yet)";
    // Columns measured in display width over every row (no cap): a long value or "(secret)" can't push
    // one row's reason out of line; a row too wide for the terminal wraps its reason.
    const placeWidth = Math.max(...plan.env.map((c) => displayWidth(where(c))));
    const nameWidth = Math.max(...plan.env.map((c) => displayWidth(c.name)));
    const valueWidth = Math.max(...plan.env.map((c) => displayWidth(shown(c))));
    // A reason said once: the same sentence for several variables is printed after the first.
    const said = new Set<string>();
    const byStep = stepReference(plan);
    for (const change of plan.env) {
      const status =
        change.status === "set"
          ? green("set      ")
          : change.status === "pending"
            ? yellow("pending  ")
            : dim("unchanged");
      const reason = said.has(change.reason) ? "(same reason as above)" : byStep(change.reason);
      said.add(change.reason);
      lines.push(
        `  ${status}  ${padDisplay(where(change), placeWidth)}  ${padDisplay(change.name, nameWidth)}  ${padDisplay(shown(change), valueWidth)}  ${dim(reason)}`,
      );
    }
  }

  if (plan.install.length > 0) {
    lines.push("", bold(`Packages (${plan.packageManager})`));
    for (const pkg of plan.install) {
      const mark = pkg.status === "install" ? green("install") : dim("ok     ");
      const note = pkg.current ? dim(` (package.json: ${pkg.current})`) : "";
      lines.push(`  ${mark}  ${pkg.name}@${pkg.version}${pkg.dev ? dim(" (dev)") : ""}${note}`);
    }
    const toInstall = plan.install.filter((p) => p.status === "install");
    for (const command of installCommands(plan.packageManager, toInstall))
      lines.push(`  ${dim("→")} ${command.display}`);
  }

  if (options.steps !== false && plan.humanSteps.length > 0) lines.push(renderPlanSteps(plan, colors));

  if (plan.warnings.length > 0) {
    lines.push("", bold("Warnings"));
    for (const warning of plan.warnings) {
      const at = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ""}: ` : "";
      const located = warning.file !== undefined && warning.message.startsWith(warning.file);
      lines.push(`  ${yellow("!")} ${located ? warning.message : `${at}${warning.message}`}`);
    }
  }

  if (options.diff !== false) {
    const diffs = renderDiffs(plan, colors);
    if (diffs) lines.push("", diffs);
  } else if (options.diffHint && fileChanges(plan).length > 0) {
    lines.push("", dim("(--diff or --dry-run shows the changes line by line)"));
  }
  return lines.join("\n").trimEnd();
}

/**
 * A human step is shown once, numbered, under "Steps only you can do": a line elsewhere that quotes
 * a step's title names the step instead ("needs a value from: step 2").
 */
export function stepReference(plan: Plan): (text: string) => string {
  return (text) =>
    plan.humanSteps.reduce(
      (line, step, index) => (line.includes(step.title) ? line.replace(step.title, `step ${index + 1}`) : line),
      text,
    );
}

/** Every planned file's unified diff (dotenv values hidden), one after another. */
export function renderDiffs(plan: Plan, colors: Colors): string {
  return plan.items
    .map((item) => renderFileDiff(item, colors, publicNames(plan, item.path)))
    .filter(Boolean)
    .join("\n\n");
}

/** The steps only a human can take, numbered with where and why; "" when there are none. */
export function renderPlanSteps(plan: Plan, colors: Colors): string {
  if (plan.humanSteps.length === 0) return "";
  const { bold, dim, cyan } = colors;
  const lines = ["", bold("Steps only you can do")];
  plan.humanSteps.forEach((step, index) => {
    // The URL on a line of its own, so it never runs into a value to paste.
    lines.push(`  ${index + 1}. ${step.title}`);
    if (step.url) lines.push(`     ${cyan(step.url)}`);
    lines.push(`     ${dim(step.why)}`);
  });
  return lines.join("\n");
}

/** What an apply did, in a few lines: the plan above already said what and why. */
export function renderApplied(result: ApplyResult, colors: Colors): string {
  const { green, dim, bold, yellow } = colors;
  const lines: string[] = [];
  const created = result.written.filter((file) => file.action === "create").map((file) => file.path);
  const modified = result.written.filter((file) => file.action === "modify").map((file) => file.path);
  const files = [
    created.length && `created ${created.join(", ")}`,
    modified.length && `modified ${modified.join(", ")}`,
  ]
    .filter(Boolean)
    .join("; ");
  if (files) lines.push(`${green("✔")} ${files}`);
  const byTarget = (names: string[]) => {
    const groups = new Map<string, string[]>();
    for (const name of names) {
      const [target, variable] = name.split(":", 2) as [string, string];
      groups.set(target, [...(groups.get(target) ?? []), variable]);
    }
    return [...groups];
  };
  for (const [target, names] of byTarget(result.envSet))
    lines.push(`${green("✔")} set ${names.join(", ")} on the ${target} deployment`);
  for (const [target, names] of byTarget(result.envKept))
    lines.push(`${dim("•")} kept ${names.join(", ")} on the ${target} deployment (already set)`);
  if (result.installed.length > 0)
    lines.push(`${green("✔")} installed ${result.installed.map((pkg) => `${pkg.name}@${pkg.version}`).join(", ")}`);
  const skipped = new Map<string, EnvChange[]>();
  for (const change of result.envSkipped) skipped.set(where(change), [...(skipped.get(where(change)) ?? []), change]);
  for (const [place, changes] of skipped)
    lines.push(
      `${yellow("…")} ${changes.map((change) => change.name).join(", ")} (${place}) not set: ${changes[0]!.reason}`,
    );
  // Values authwire has but couldn't (or was told not to) put on a deployment: a re-run sets them.
  if (result.envSkipped.some((change) => change.target !== "local" && change.value !== undefined)) {
    lines.push(
      dim(
        "  Run the same command again (without --no-env) once the deployment can be reached: it sets only what is missing.",
      ),
    );
  }
  if (result.installCommands.length > 0) {
    lines.push("", bold("Install the packages:"));
    for (const command of result.installCommands) lines.push(`  ${command.display}`);
  }
  return lines.join("\n");
}

/** The note a writing command prints when it rolled back (or finished) an interrupted apply first. */
export function renderRecovery(result: RecoveryResult, colors: Colors): string | undefined {
  if (!result.recovered) return undefined;
  const { yellow, dim } = colors;
  const lines = [
    `${yellow("!")} ${
      result.action === "rolled-back"
        ? `An earlier authwire run${result.startedAt ? ` (${result.startedAt})` : ""} was interrupted; its changes were rolled back.`
        : result.action === "finished"
          ? "An earlier authwire run had applied its changes but not cleaned up; finished it."
          : "Cleaned up after an earlier interrupted authwire run."
    }`,
  ];
  for (const path of result.restored) lines.push(dim(`  restored ${path}`));
  for (const path of result.removed) lines.push(dim(`  removed ${path}`));
  for (const conflict of result.conflicts) {
    lines.push(
      `  ${yellow("!")} ${conflict.path} changed since; left as it is (the earlier content is in ${conflict.backup})`,
    );
  }
  for (const name of result.envLeft) lines.push(`  ${yellow("!")} ${name} keeps the value the interrupted run set`);
  return lines.join("\n");
}
