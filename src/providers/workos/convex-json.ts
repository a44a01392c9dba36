/**
 * The `authKit` section of `convex.json` for a Convex-managed WorkOS team: what `npx convex dev`
 * provisions and configures from (docs/internals/convex-auth.md#convexjson, docs/internals/provider-setup.md#workos), and the
 * edit that merges it into the file the project has, comments and all, then checks the result
 * against the Convex CLI's schema.
 */
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { CONVEX_JSON_SCHEMA_PATH, CONVEX_JSON_SCHEMA_REF, validateConvexJson } from "../../config/convex-json.ts";
import {
  addJsonArrayItem,
  defineEdit,
  isRefusal,
  refuse,
  setJsonValue,
  unchanged,
  type Edit,
} from "../../edit/index.ts";
import { CALLBACK_PATH, isSameLocalUrlOnOtherPort, type WorkosSettings } from "./settings.ts";

export interface ConfigureSection {
  redirectUris: string[];
  appHomepageUrl: string;
  corsOrigins: string[];
}

export interface AuthKitSection {
  /** Only allowed in `prod`. */
  environmentType?: "development" | "staging" | "production";
  configure: ConfigureSection;
  /** Only allowed (non-false) in `dev`; written to .env.local by `npx convex dev` at a terminal. */
  localEnvVars?: Record<string, string>;
}

export type AuthKitSectionName = "dev" | "preview" | "prod";
export type AuthKitSections = Partial<Record<AuthKitSectionName, AuthKitSection>>;

const CLIENT_ID = "${authEnv.WORKOS_CLIENT_ID}";
const API_KEY = "${authEnv.WORKOS_API_KEY}";

/** `authKit.dev`: the callback and origin on the detected port, and the framework's local variables. */
export function devSection(settings: WorkosSettings): AuthKitSection {
  const localEnvVars: Record<string, string> = settings.server
    ? { WORKOS_CLIENT_ID: CLIENT_ID, WORKOS_API_KEY: API_KEY, [settings.redirectVar]: settings.redirectUri }
    : { [settings.clientIdVar]: CLIENT_ID, [settings.redirectVar]: settings.redirectUri };
  return {
    configure: {
      redirectUris: [settings.redirectUri],
      appHomepageUrl: settings.origin,
      corsOrigins: [settings.origin],
    },
    localEnvVars,
  };
}

/**
 * `authKit.prod` (and `preview`): with `--prod-url`, that origin; without it, Vercel's build
 * variables as in the official templates (`convex deploy` resolves `${buildEnv.…}` at build time).
 */
export function productionSections(prodOrigin: string | undefined): AuthKitSections {
  const section = (origin: string, homepage = origin): AuthKitSection => ({
    configure: { redirectUris: [`${origin}${CALLBACK_PATH}`], appHomepageUrl: homepage, corsOrigins: [origin] },
  });
  if (prodOrigin) return { prod: { environmentType: "production", ...section(prodOrigin) } };
  const production = "https://${buildEnv.VERCEL_PROJECT_PRODUCTION_URL}";
  return {
    preview: section("https://${buildEnv.VERCEL_BRANCH_URL}", production),
    prod: { environmentType: "production", ...section(production) },
  };
}

/** `[\n  "a"\n]` → `["a"]` for arrays of strings, as the Convex templates write them. */
function inlineShortArrays(json: string): string {
  return json.replace(
    /\[\s*\n\s*((?:"(?:[^"\\\n]|\\.)*"\s*,\s*)*"(?:[^"\\\n]|\\.)*")\s*\n\s*\]/g,
    (_all, items: string) => `[${items.split(/",\s*\n\s*"/).join('", "')}]`,
  );
}

export interface MergeAuthKitOptions {
  /** The installed convex.schema.json's text; undefined: the documented shape. */
  schemaText?: string;
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Merges `sections` into convex.json: adds `$schema` when missing (first key), adds each redirect
 * URI and CORS origin unless present, sets the homepage, `environmentType` and local variables
 * when missing. In `dev`, a localhost value on another port (a dev server that moved) is replaced.
 * A `configure: false` or `localEnvVars: false` the user wrote is respected. The result must pass
 * the Convex schema, or the edit is refused with the schema's complaint.
 */
export function mergeAuthKit(sections: AuthKitSections, options: MergeAuthKitOptions = {}): Edit {
  const names = Object.keys(sections).join(", ");
  return defineEdit(
    `set up authKit.${names.includes(",") ? `{${names}}` : names} for the Convex-managed WorkOS team`,
    (content, file) => {
      let current = content;
      const apply = (edit: Edit) => {
        const result = edit(current, file);
        if (isRefusal(result)) return result;
        if (result !== unchanged) current = result;
        return undefined;
      };
      const read = (): unknown => (current === undefined ? {} : parseJsonc(current, [], { allowTrailingComma: true }));

      const schema = apply(
        setJsonValue({ path: ["$schema"], value: CONVEX_JSON_SCHEMA_REF, first: true, onlyIfMissing: true }),
      );
      if (schema) return schema;

      for (const [name, section] of Object.entries(sections) as [AuthKitSectionName, AuthKitSection][]) {
        const base = ["authKit", name];
        const steps: (() => Edit | undefined)[] = [];
        if (section.environmentType) {
          steps.push(() =>
            setJsonValue({ path: [...base, "environmentType"], value: section.environmentType, onlyIfMissing: true }),
          );
        }
        if (valueAt(read(), [...base, "configure"]) !== false) {
          const configure = section.configure;
          const addItems = (key: "redirectUris" | "corsOrigins") => {
            for (const wanted of configure[key]) {
              steps.push(() => {
                const existing = valueAt(read(), [...base, "configure", key]);
                if (Array.isArray(existing) && !existing.includes(wanted)) {
                  const stale =
                    name === "dev" ? existing.findIndex((item) => isSameLocalUrlOnOtherPort(item, wanted)) : -1;
                  if (stale !== -1) return setJsonValue({ path: [...base, "configure", key, stale], value: wanted });
                }
                return addJsonArrayItem({ path: [...base, "configure", key], item: wanted });
              });
            }
          };
          addItems("redirectUris");
          steps.push(() => {
            const path = [...base, "configure", "appHomepageUrl"];
            const existing = valueAt(read(), path);
            const replace = name === "dev" && isSameLocalUrlOnOtherPort(existing, configure.appHomepageUrl);
            return setJsonValue({ path, value: configure.appHomepageUrl, onlyIfMissing: !replace });
          });
          addItems("corsOrigins");
        }
        if (section.localEnvVars && valueAt(read(), [...base, "localEnvVars"]) !== false) {
          for (const [variable, value] of Object.entries(section.localEnvVars)) {
            steps.push(() => {
              const path = [...base, "localEnvVars", variable];
              const replace = isSameLocalUrlOnOtherPort(valueAt(read(), path), value);
              return setJsonValue({ path, value, onlyIfMissing: !replace });
            });
          }
        }
        for (const step of steps) {
          const edit = step();
          const refusal = edit && apply(edit);
          if (refusal) return refusal;
        }
      }

      if (current === undefined || current === content) return unchanged;
      if (content === undefined) current = inlineShortArrays(current);
      const errors: ParseError[] = [];
      const value = parseJsonc(current, errors, { allowTrailingComma: true });
      const issues = validateConvexJson(value, options.schemaText).filter((issue) => issue.kind === "schema");
      if (errors.length > 0 || issues.length > 0) {
        const against = options.schemaText
          ? CONVEX_JSON_SCHEMA_PATH
          : "the documented convex.json schema (convex is not installed)";
        const problems = issues.map((issue) => `${issue.path || "(top level)"} ${issue.message}`).join("; ");
        return refuse(
          `${file.path} would not pass ${against}: ${problems || "it would not parse"}. \`npx convex dev\` stops on this; fix it, then run authwire again.`,
        );
      }
      return current;
    },
  );
}
