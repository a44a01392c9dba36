/** Human output of `users` and `protect` beyond the plan itself: next steps, per-function decisions. */
import type { FunctionDecision } from "../../scaffold/protect.ts";
import type { Colors } from "../output.ts";

export function renderScaffoldNextSteps(steps: string[], colors: Colors): string {
  if (steps.length === 0) return "";
  return ["", colors.bold("Next"), ...steps.map((step) => `  • ${step}`)].join("\n");
}

/** PROTECT / SKIP per public function; internal ones as one count (they never need the check). */
export function renderFunctionDecisions(functions: FunctionDecision[], colors: Colors): string {
  const { bold, green, dim } = colors;
  const shown = functions.filter((fn) => fn.action === "protect" || !fn.reason.startsWith("internal"));
  const internal = functions.length - shown.length;
  const lines = [bold("Functions")];
  const width = Math.min(48, Math.max(0, ...shown.map((fn) => `${fn.file}:${fn.line} ${fn.name}`.length)));
  for (const fn of shown) {
    const label = fn.action === "protect" ? green("PROTECT") : dim("SKIP   ");
    lines.push(`  ${label}  ${`${fn.file}:${fn.line} ${fn.name}`.padEnd(width)}  ${dim(`${fn.kind}: ${fn.reason}`)}`);
  }
  if (shown.length === 0) lines.push(dim("  no public queries, mutations or actions"));
  if (internal > 0)
    lines.push(
      dim(
        `  (${internal} internal function${internal === 1 ? "" : "s"} left alone: clients can't call ${internal === 1 ? "it" : "them"})`,
      ),
    );
  return lines.join("\n");
}
