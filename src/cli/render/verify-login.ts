import type { VerifyLoginJson } from "../../verify/login/verify-login.ts";
import type { VerifyTokenResult } from "../../verify/verify-token.ts";
import type { Colors } from "../output.ts";
import { renderVerdict } from "./verify.ts";

/** Human output: what the browser saw, Convex's reply, authwire's verdict (never the raw token), any disagreement, the steps. */
export function renderLogin(json: VerifyLoginJson, token: VerifyTokenResult | null, colors: Colors): string {
  const { bold, dim, green, red, yellow, cyan } = colors;
  const lines: string[] = [bold("authwire verify login") + dim(` — ${json.url}`), ""];
  lines.push(`  ${dim("deployment")}  ${json.deployment ?? "none seen"}`);
  if (json.captured) {
    const how =
      json.captured.via === "websocket" ? "Authenticate over the sync WebSocket" : "Authorization: Bearer over HTTP";
    lines.push(
      `  ${dim("captured")}    ${how} ${dim(`${json.captured.endpoint}, ${json.captured.sentAt}, fingerprint ${json.captured.fingerprint}`)}`,
    );
    if (json.attempts.length > 1)
      lines.push(`  ${dim("attempts")}    ${json.attempts.length} tokens sent (see --json)`);
  }
  if (json.captured) {
    const reply = json.convexReply;
    lines.push("");
    if (!reply) lines.push(`${bold("Convex replied")}    ${yellow("? no answer")} within the timeout`);
    else if (reply.accepted)
      lines.push(
        `${bold("Convex replied")}    ${green("✔ ACCEPTED")} ${dim(reply.via === "websocket" ? "(Transition raised the identity version)" : `(HTTP ${reply.status})`)}`,
      );
    else
      lines.push(
        `${bold("Convex replied")}    ${red("✘ REJECTED")}${reply.error?.code ? ` ${bold(reply.error.code)}` : ""}${reply.status ? dim(` (HTTP ${reply.status})`) : ""}: ${dim(`"${reply.error?.message ?? ""}"`)}`,
      );
    const verdict = json.verdict;
    if (verdict) {
      const text =
        verdict.outcome === "accepted"
          ? green("✔ ACCEPTED")
          : verdict.outcome === "rejected"
            ? `${red("✘ REJECTED")}${verdict.error ? ` ${bold(verdict.error.code)}` : ""}`
            : yellow("? UNDETERMINED");
      const agrees =
        reply && !json.disagreement && verdict.outcome !== "undetermined" ? dim(" — agrees with Convex") : "";
      lines.push(`${bold("authwire verdict")}  ${text}${agrees}`);
    }
  }
  if (json.disagreement) {
    lines.push(
      "",
      `${yellow("⚠ DISAGREEMENT")} ${dim(`(likely cause: ${json.disagreement.likelyCause})`)}`,
      `  ${json.disagreement.message}`,
    );
  }
  if (token) lines.push("", renderVerdict(token, colors));
  if (json.humanSteps.length > 0) {
    lines.push("", bold("Steps only you can do"));
    json.humanSteps.forEach((step, index) => {
      lines.push(
        `  ${index + 1}. ${step.title}`,
        ...(step.url && !step.title.includes(step.url) ? [`     ${cyan(step.url)}`] : []),
        `     ${dim(step.why)}`,
      );
    });
  }
  const shown = new Set(token?.notes ?? []);
  for (const note of json.notes.filter((text) => !shown.has(text))) lines.push(`  ${yellow("note:")} ${note}`);
  return lines.join("\n");
}
