/** The WorkOS redirect URIs an app declares: convex.json authKit, localEnvVars, dotenv files. */
import type { DoctorContext } from "../context.ts";
import { isTemplateEnvFile } from "../helpers.ts";

export interface RedirectSite {
  value: string;
  /** Where it is declared: `convex.json` or a dotenv file. */
  file: string;
  line: number;
  /** The variable name for env-declared URIs. */
  name: string | null;
  kind: "configure" | "localEnvVars" | "env";
}

export const REDIRECT_VAR = /^(?:VITE_|NEXT_PUBLIC_)?WORKOS_REDIRECT_URI$/;

function lineOfText(source: string, text: string): number {
  const index = source.indexOf(text);
  if (index === -1) return 1;
  return source.slice(0, index).split("\n").length;
}

/**
 * With `templates`, an app that declares its redirect nowhere else (its real value lives in the host's
 * env) is read from its `.env.example`: what the app documents.
 */
export async function workosRedirects(
  doctor: DoctorContext,
  options: { templates?: boolean } = {},
): Promise<{ sites: RedirectSite[]; configured: string[] | null }> {
  const sites: RedirectSite[] = [];
  let configured: string[] | null = null;
  const convexJson = await doctor.convexJson();
  const dev = (convexJson?.value?.authKit as { dev?: { configure?: unknown; localEnvVars?: unknown } } | undefined)
    ?.dev;
  if (convexJson && dev && typeof dev === "object") {
    const configure = dev.configure as { redirectUris?: unknown } | undefined;
    if (configure && typeof configure === "object" && Array.isArray(configure.redirectUris)) {
      configured = configure.redirectUris.filter((uri): uri is string => typeof uri === "string");
      for (const uri of configured)
        sites.push({
          value: uri,
          file: "convex.json",
          line: lineOfText(convexJson.source, JSON.stringify(uri)),
          name: null,
          kind: "configure",
        });
    }
    const local = dev.localEnvVars;
    if (local && typeof local === "object") {
      for (const [name, value] of Object.entries(local as Record<string, unknown>)) {
        if (REDIRECT_VAR.test(name) && typeof value === "string" && !value.includes("${")) {
          sites.push({
            value,
            file: "convex.json",
            line: lineOfText(convexJson.source, `"${name}"`),
            name,
            kind: "localEnvVars",
          });
        }
      }
    }
  }
  const files = await doctor.localEnv();
  const declared = (template: boolean) => {
    for (const file of files) {
      if (isTemplateEnvFile(file.path) !== template) continue;
      for (const [name, value] of Object.entries(file.values)) {
        if (REDIRECT_VAR.test(name))
          sites.push({ value, file: file.path, line: file.lineOf(name) ?? 1, name, kind: "env" });
      }
    }
  };
  declared(false);
  if (options.templates && sites.length === 0) declared(true);
  return { sites, configured };
}
