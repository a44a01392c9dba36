/**
 * The setup checklist the human output opens with: the steps a careful developer ticks for the
 * detected provider, each passed, failed or unknown, with the rules behind it.
 */
import type { ProviderId } from "../project/facts.ts";
import type { DoctorContext } from "./context.ts";
import type { Rule, RuleFinding } from "./define.ts";
import { configuredProviders, uncheckedProbes } from "./online.ts";
import { PROFILES } from "../providers/profiles.ts";

export type ChecklistStatus = "pass" | "fail" | "unknown";

export interface ChecklistItem {
  id: string;
  title: string;
  status: ChecklistStatus;
  detail: string;
  /** The rule codes that decide this step. */
  rules: string[];
}

export interface Checklist {
  provider: ProviderId | null;
  items: ChecklistItem[];
}

interface Step {
  id: string;
  title: string;
  rules: string[];
  /** Only findings about this deployment count (undefined: any, except the other target's). */
  target?: "dev" | "prod";
  /** A reason the step can't be judged, or null. */
  unknownWhen?: () => Promise<string | null>;
  passDetail: () => string;
}

function isProblem(finding: RuleFinding): boolean {
  return finding.severity === "error" || finding.severity === "warning";
}

export async function buildChecklist(
  doctor: DoctorContext,
  findings: RuleFinding[],
  rules: readonly Rule[],
): Promise<Checklist> {
  const detected = doctor.facts.providers.map((provider) => provider.name);
  const provider = detected[0] ?? null;
  const ran = new Set(rules.map((rule) => rule.meta.code));
  const devStatus = await doctor.envStatus("dev");
  const prodStatus = await doctor.envStatus("prod");
  const port = doctor.facts.devServer.port;

  const callbacksDetail = (): string => {
    switch (provider) {
      case "clerk":
        return "Clerk needs no callback route in the app";
      case "auth0":
        return `add http://localhost:${port ?? "PORT"} to the Auth0 app's Callback, Logout and Web Origin URLs (not checkable from here)`;
      case "convex-auth":
        return devStatus.ok
          ? "SITE_URL matches the dev server"
          : "SITE_URL can't be compared without the dev deployment's env";
      case "better-auth":
        return devStatus.ok
          ? "the origins Better Auth trusts include the dev server"
          : "SITE_URL can't be compared without the dev deployment's env";
      case "workos":
        return `redirect URIs use port ${port ?? "?"} and the callback route exists`;
      default:
        return "no callback to check";
    }
  };

  const steps: Step[] = [
    {
      id: "provider",
      title: "Provider chosen",
      rules: ["AW306", "AW701"],
      unknownWhen: async () => null,
      passDetail: () => (provider ? PROFILES[provider].title : "none"),
    },
    {
      id: "auth-config",
      title: "auth.config entry",
      rules: [
        "AW101",
        "AW102",
        "AW103",
        "AW104",
        "AW106",
        "AW107",
        "AW108",
        "AW109",
        "AW110",
        "AW111",
        "AW112",
        "AW707",
      ],
      passDetail: () => doctor.facts.convex.authConfigFiles.join(", ") || "none needed",
    },
    {
      id: "issuer",
      title: "Issuer discovery and keys (--online)",
      rules: ["AW113", "AW114", "AW115", "AW211"],
      unknownWhen: async () => {
        if (!doctor.hasAuth) return null;
        if (!doctor.online)
          return "not checked: run doctor --online to fetch each issuer's discovery document and JWKS";
        if (doctor.facts.convex.authConfigFiles.length > 0 && (await configuredProviders(doctor)).length === 0) {
          return "no provider's issuer is known: they read env values doctor doesn't have (pass --dev-env/--prod-env, or let it read the deployment)";
        }
        const unchecked = await uncheckedProbes(doctor);
        if (unchecked.length > 0) {
          const [first] = unchecked;
          return `couldn't check: no answer from ${first!.url} (${first!.detail})${unchecked.length > 1 ? ` and ${unchecked.length - 1} more` : ""}; is this machine online?`;
        }
        return null;
      },
      passDetail: () =>
        doctor.online ? "each issuer's discovery document and JWKS read as Convex reads them" : "no issuer to check",
    },
    {
      id: "env-dev",
      title: "Deployment env (dev)",
      rules: ["AW105", "AW203", "AW206", "AW207", "AW208", "AW210", "AW211", "AW212", "AW504", "AW401", "AW702"],
      target: "dev",
      unknownWhen: async () => (devStatus.ok ? null : devStatus.reason),
      passDetail: () => (devStatus.ok ? `checked against ${devStatus.snapshot.source}` : ""),
    },
    {
      id: "secrets",
      title: "Secrets stay out of the client and git",
      rules: ["AW201", "AW202", "AW209"],
      passDetail: () =>
        `${doctor.facts.envFiles.length} env file${doctor.facts.envFiles.length === 1 ? "" : "s"} checked`,
    },
    {
      id: "client",
      title: "Client wiring",
      rules: ["AW301", "AW302", "AW303", "AW304", "AW305", "AW307", "AW308", "AW309", "AW704", "AW705"],
      passDetail: () => doctor.facts.entries.convexProvider ?? doctor.facts.entries.main ?? "",
    },
    {
      id: "callbacks",
      title: "Callbacks and redirects on the real port",
      rules: ["AW208", "AW402", "AW403", "AW404", "AW405", "AW703"],
      target: "dev",
      unknownWhen: async () => {
        if (provider === "auth0") return callbacksDetail();
        if (provider === "convex-auth" && !devStatus.ok) return callbacksDetail();
        return null;
      },
      passDetail: callbacksDetail,
    },
    {
      id: "functions",
      title: "Protected functions",
      rules: ["AW601", "AW602", "AW603", "AW604", "AW605", "AW606", "AW607", "AW706"],
      // A function file doctor couldn't parse may hold an unprotected function: not a pass.
      unknownWhen: async () => {
        const unread = doctor.skipped.filter((skipped) => skipped.file.startsWith(`${doctor.facts.convex.dir}/`));
        if (unread.length === 0) return null;
        return `${unread.length} function file${unread.length === 1 ? "" : "s"} not analyzed (${unread.map((skipped) => skipped.file).join(", ")}): see Skipped`;
      },
      passDetail: () => {
        const count = [...doctor.backend.modules.values()].reduce(
          (sum, module) => sum + module.functions.filter((fn) => fn.isPublic).length,
          0,
        );
        return `${count} public function${count === 1 ? "" : "s"} checked`;
      },
    },
    {
      id: "production",
      title: "Production covered",
      rules: ["AW105", "AW204", "AW205", "AW207", "AW208", "AW210", "AW406", "AW504", "AW702", "AW703"],
      target: "prod",
      unknownWhen: async () => (prodStatus.ok ? null : prodStatus.reason),
      passDetail: () => (prodStatus.ok ? `checked against ${prodStatus.snapshot.source}` : ""),
    },
  ];

  const items: ChecklistItem[] = [];
  for (const step of steps) {
    const relevant = findings.filter((finding) => {
      if (!step.rules.includes(finding.code)) return false;
      if (step.target === "prod")
        return (
          finding.target === "prod" ||
          (finding.target === undefined && ["AW204", "AW205", "AW406"].includes(finding.code))
        );
      if (step.target === "dev") return finding.target !== "prod";
      return finding.target !== "prod" || step.id === "production";
    });
    const problems = relevant.filter(isProblem);
    let status: ChecklistStatus;
    let detail: string;
    if (step.id === "provider" && !provider) {
      // Not a failure (doctor finds no error in an app without auth), not a pass: not set up yet.
      status = "unknown";
      detail = "none yet: authwire add <provider> sets one up";
    } else if (problems.length > 0) {
      status = "fail";
      detail = `${problems.length} problem${problems.length === 1 ? "" : "s"}: ${[...new Set(problems.map((finding) => finding.code))].join(", ")}`;
    } else if (step.rules.every((code) => !ran.has(code))) {
      status = "unknown";
      detail = "not checked (--only)";
    } else {
      const unknown = step.unknownWhen ? await step.unknownWhen() : null;
      if (unknown) {
        status = "unknown";
        detail = unknown;
      } else {
        status = "pass";
        detail = step.passDetail();
      }
    }
    items.push({ id: step.id, title: step.title, status, detail, rules: step.rules.filter((code) => ran.has(code)) });
  }
  return { provider, items };
}
