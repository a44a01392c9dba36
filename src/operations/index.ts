/**
 * The operations' input schemas (design.md "MCP tools"): each field once, with its MCP schema and
 * its CLI flag. src/mcp/tools and src/cli/commands.ts derive their arguments from these.
 */
import { COMMON_OPTIONS, RECIPE_OPTIONS } from "../providers/index.ts";
import type { RecipeOption, RecipeOptions } from "../providers/define.ts";
import type { z } from "zod";
import type { ProviderId } from "../project/facts.ts";
import { defineOperation, type CliFlag, type FieldSpec, type OperationSpec, type Zod } from "./schema.ts";

export { addCliOptions, cliFlagOf, cliOptions, defineOperation, flagOf, mcpInput } from "./schema.ts";
export type { CliFlag, FieldSpec, OperationSpec, Zod } from "./schema.ts";

const cwd = { schema: (z: Zod) => z.string().describe("Absolute path of the app's folder") };
const dryRun = (help = "print the plan and the diff; write nothing"): { cli: CliFlag } => ({ cli: { help } });
const diff = { cli: { help: "show the diff with the plan" } };
/** `--env NAME=VALUE` on the command line, a NAME → value record for MCP. */
const envValues = {
  schema: (z: Zod) =>
    z.record(z.string(), z.string()).optional().describe("The deployment's env values the config reads, NAME → value"),
  cli: { value: "<NAME=VALUE>", help: "an env value of the deployment (repeatable; applied last)", repeatable: true },
};

export const DETECT = defineOperation({ tool: "detect", command: ["detect"], fields: { cwd } });

export const DOCTOR = defineOperation({
  tool: "doctor",
  command: ["doctor"],
  fields: {
    cwd,
    devEnv: {
      schema: (z: Zod) =>
        z
          .string()
          .optional()
          .describe(
            "A dotenv dump of the dev deployment's env (`npx convex env list --include-values > FILE`), relative to cwd or absolute",
          ),
      cli: { value: "<file>", help: "the dev deployment's env (npx convex env list --include-values > FILE)" },
    },
    prodEnv: {
      schema: (z: Zod) =>
        z
          .string()
          .optional()
          .describe("The same for the production deployment (`npx convex env list --prod --include-values`)"),
      cli: { value: "<file>", help: "the production deployment's env, same format" },
    },
    offline: {
      schema: (z: Zod) =>
        z
          .boolean()
          .optional()
          .describe("Never read the live deployments' env (their checks report ? unless devEnv/prodEnv are given)"),
      cli: { help: "never read the live deployment" },
    },
    online: {
      schema: (z: Zod) =>
        z
          .boolean()
          .optional()
          .describe("Also fetch each provider's discovery document and JWKS as Convex would (AW113–AW115, AW211)"),
      cli: { help: "also fetch each provider's discovery document and JWKS" },
    },
    only: {
      schema: (z: Zod) =>
        z
          .union([z.string(), z.array(z.string())])
          .optional()
          .describe("Run only these rules: codes (AW603) or names, as a list or comma-separated"),
      cli: { value: "<codes>", help: "run only these rules (codes or names, comma-separated)" },
    },
    sarif: { cli: { help: "print SARIF 2.1.0 for GitHub code scanning" } },
    fix: { cli: { help: "apply the fixes of fixable findings (shows the plan first)" } },
    dryRun: dryRun("with --fix: print the plan and the diff; write nothing"),
  },
});

export const VERIFY_TOKEN = defineOperation({
  tool: "verify_token",
  command: ["verify", "token"],
  fields: {
    cwd,
    // On the command line the token is the positional [jwt] (or stdin), never a flag.
    token: { schema: (z: Zod) => z.string().describe("The JWT (a `Bearer ` prefix is tolerated)") },
    now: { cli: { value: "<seconds>", help: "judge at this unix time instead of now" } },
    devEnv: {
      cli: {
        value: "<file>",
        help: "the dev deployment's env (dotenv, from `npx convex env list --include-values`) instead of the live read",
      },
    },
    prodEnv: { cli: { value: "<file>", help: "the prod deployment's env (dotenv)" } },
    prod: {
      schema: (z: Zod) => z.boolean().optional().describe("Judge against the production deployment"),
      cli: { help: "judge against the production deployment's env (errors redacted as in production)" },
    },
    env: envValues,
    offline: {
      schema: (z: Zod) => z.boolean().optional().describe("No live env read and no network: judge what needs neither"),
      cli: { help: "no live env read, no network: judge what needs neither and list what was skipped" },
    },
  },
});

export const VERIFY_LOGIN = defineOperation({
  tool: "verify_login",
  command: ["verify", "login"],
  fields: {
    cwd: { schema: (z: Zod) => z.string().describe("Absolute path of the app's folder (holds convex/auth.config.ts)") },
    url: {
      schema: (z: Zod) => z.string().describe("The running app's URL, e.g. http://localhost:5173"),
      cli: { value: "<url>", help: "the app's URL, e.g. http://localhost:5173", required: true },
    },
    headed: { cli: { help: "show the browser window, to sign in by hand (default timeout 300 s)" } },
    timeout: {
      schema: (z: Zod) =>
        z.number().positive().optional().describe("Seconds to wait for a token and Convex's answer (default 30)"),
      cli: { value: "<seconds>", help: "how long to wait for a token and Convex's answer (default 30)" },
    },
    storageState: {
      schema: (z: Zod) =>
        z
          .string()
          .optional()
          .describe("A Playwright storage-state file saved from a signed-in session (relative to cwd)"),
      cli: {
        value: "<file>",
        help: "a signed-in session saved with --save-storage-state (Playwright storage state)",
      },
    },
    saveStorageState: {
      cli: {
        value: "<file>",
        help: "save the browser session to FILE after the run (holds session cookies: keep it out of git)",
      },
    },
    userDataDir: {
      cli: { value: "<dir>", help: "use (and keep) this Chromium profile instead of a fresh temporary one" },
    },
    browser: {
      cli: {
        value: "<path>",
        help: "the Chromium/Chrome binary (default $AUTHWIRE_BROWSER, /usr/bin/chromium, then Chrome's usual places)",
      },
    },
    devEnv: {
      schema: (z: Zod) => z.string().optional().describe("Dotenv dump of the dev deployment's env (relative to cwd)"),
      cli: {
        value: "<file>",
        help: "the dev deployment's env (dotenv, from `npx convex env list --include-values`) instead of the live read",
      },
    },
    prodEnv: {
      schema: (z: Zod) => z.string().optional().describe("Dotenv dump of the prod deployment's env (relative to cwd)"),
      cli: { value: "<file>", help: "the prod deployment's env (dotenv)" },
    },
    prod: {
      schema: (z: Zod) => z.boolean().optional().describe("Judge against the production deployment"),
      cli: { help: "judge against the production deployment's env (errors redacted as in production)" },
    },
    env: envValues,
    offline: {
      schema: (z: Zod) => z.boolean().optional().describe("Judge without fetching discovery/JWKS"),
      cli: {
        help: "judge without the live env read or fetching discovery/JWKS (the browser still loads the app)",
      },
    },
  },
});

export const PLAN_USERS = defineOperation({
  tool: "plan_users",
  command: ["users"],
  fields: {
    cwd,
    rbac: {
      schema: (z: Zod) =>
        z.boolean().optional().describe("Also plan memberships and roles (getMembership, requireRole)"),
      cli: { help: "also a memberships table and convex/roles.ts (getMembership, requireRole, grantRole)" },
    },
    orgTable: {
      schema: (z: Zod) =>
        z
          .string()
          .optional()
          .describe("With rbac: the table whose rows memberships belong to (default: inferred, else app-wide roles)"),
      cli: {
        value: "<name>",
        help: "with --rbac: the table whose rows memberships belong to (default: the one organizations table, else app-wide roles)",
      },
    },
    // A list for MCP; comma-separated on the command line.
    roles: {
      schema: (z: Zod) => z.array(z.string()).optional().describe("With rbac: role names from most rights to fewest"),
      cli: {
        value: "<list>",
        help: "with --rbac: role names from most rights to fewest (default admin,member,viewer)",
      },
    },
    client: {
      schema: (z: Zod) =>
        z
          .boolean()
          .optional()
          .describe(
            "false: a backend-only repo (no client hook; a human step says what the client must call). Default: false only when no client framework or entry is found",
          ),
      cli: {
        negate: true,
        help: "a backend-only repo: no client hook; a human step says what the client must call (default when no client framework is found)",
      },
    },
    dryRun: dryRun(),
    diff,
  },
});

export const PLAN_PROTECT = defineOperation({
  tool: "plan_protect",
  command: ["protect"],
  fields: {
    cwd,
    dryRun: dryRun("print the functions, the plan and the diff; write nothing"),
    diff,
  },
});

export const EXPLAIN_RULE = defineOperation({
  tool: "explain_rule",
  command: [],
  fields: {
    code: {
      schema: (z: Zod) => z.string().describe("A rule code such as AW603, or a rule name such as user-lookup-by-email"),
    },
  },
});

/** A recipe option's MCP schema: a string, a boolean or a list (a secret is a plain string for MCP). */
function recipeOptionSchema(z: Zod, option: RecipeOption): z.ZodType {
  const type = option.type ?? "string";
  const base = type === "boolean" ? z.boolean() : type === "list" ? z.array(z.string()) : z.string();
  return base
    .optional()
    .describe(`${option.description} (CLI ${option.secret ? `${option.flag}-stdin` : option.flag})`);
}

/** Every provider's options by key (a key two providers share has one meaning: the first one's). */
function allRecipeOptions(): RecipeOptions {
  const all: RecipeOptions = { ...COMMON_OPTIONS };
  for (const options of Object.values(RECIPE_OPTIONS))
    for (const [key, option] of Object.entries(options)) all[key] ??= option;
  return all;
}

const FRAMEWORKS = ["vite", "next", "tanstack-start"] as const;

/**
 * `add <provider>` / plan_add: the engine's fields. On the command line the provider is the
 * positional and its options are flags of their own (addProviderOperation); for MCP they are the
 * `options` object, whose keys are the same options in camelCase plus install, env and framework.
 */
export const PLAN_ADD = defineOperation({
  tool: "plan_add",
  command: ["add"],
  fields: {
    cwd,
    provider: {
      schema: (z: Zod) => z.string().describe(`The auth provider: ${Object.keys(RECIPE_OPTIONS).join(", ")}`),
    },
    options: {
      schema: (z: Zod) => {
        const shape: Record<string, z.ZodType> = {};
        for (const [key, option] of Object.entries(allRecipeOptions())) shape[key] = recipeOptionSchema(z, option);
        shape.framework = z
          .enum(FRAMEWORKS)
          .optional()
          .describe("The app's framework (CLI --framework; default: detected)");
        shape.install = z
          .boolean()
          .optional()
          .describe("false: print the install command instead of running it (CLI --no-install)");
        shape.env = z
          .boolean()
          .optional()
          .describe("false: don't set deployment env variables, list them as steps (CLI --no-env)");
        shape.client = z
          .boolean()
          .optional()
          .describe(
            "false: a backend-only repo, no client files; a human step says what the client must do (CLI --no-client)",
          );
        // Loose: a key no recipe has reaches add's own check, which names the provider's options.
        return z
          .object(shape)
          .loose()
          .optional()
          .describe(
            "The add flags in camelCase without dashes (clerkPublishableKey, issuer, prod…), plus install: false, env: false and client: false",
          );
      },
    },
    framework: { cli: { value: "<name>", help: "the app's framework (default: detected)", choices: FRAMEWORKS } },
    dryRun: dryRun(),
    diff: { cli: { help: "show the diff with the plan (at a terminal the prompt also offers it)" } },
    install: { cli: { help: "print the install command instead of running it", negate: true } },
    env: { cli: { help: "don't set deployment env variables (print them instead)", negate: true } },
    client: {
      cli: {
        help: "a backend-only repo: set up the functions folder and the deployment; a human step says what the client must do (default when no client framework is found)",
        negate: true,
      },
    },
    offline: { cli: { help: "don't read the deployment's current env while planning" } },
  },
});

/** apply_add: plan_add's input and the consent (the CLI's is --yes or the prompt). */
export const APPLY_ADD = defineOperation({
  tool: "apply_add",
  command: [],
  fields: {
    cwd: PLAN_ADD.fields.cwd,
    provider: PLAN_ADD.fields.provider,
    options: PLAN_ADD.fields.options,
    confirm: { schema: (z: Zod) => z.boolean().describe("Must be true: this writes to the project") },
  },
});

/** A recipe option as a CLI field: a secret only as `--<flag>-stdin` (or its environment variable). */
function recipeField(option: RecipeOption): FieldSpec {
  if (option.secret)
    return {
      cli: {
        help: `read ${option.description} from stdin (never pass secrets as arguments)${option.fromEnv ? `; or set ${option.fromEnv}` : ""}`,
        stdin: true,
      },
    };
  return { cli: { help: option.description, ...(option.type !== "boolean" && { value: "<value>" }) } };
}

/** `add <provider>`'s own flags: the options every recipe takes, then the provider's (its MCP side is PLAN_ADD's `options`). */
export function addProviderOperation(provider: string): OperationSpec {
  const options: RecipeOptions = { ...COMMON_OPTIONS, ...(RECIPE_OPTIONS[provider as ProviderId] ?? {}) };
  const fields: Record<string, FieldSpec> = {};
  for (const [key, option] of Object.entries(options)) fields[key] = recipeField(option);
  return { command: ["add", provider], fields };
}

/** `keys`: CLI only (it sets the deployment's signing keys; no MCP tool writes a deployment's secrets). */
export const KEYS = defineOperation({
  command: ["keys"],
  fields: {
    rotate: { cli: { help: "replace the pair even when it is valid, or when it is broken (signs everyone out)" } },
    prod: { cli: { help: "the production deployment instead of dev" } },
    dryRun: dryRun("check and print the plan; set nothing"),
  },
});

/** The operations whose MCP input and CLI flags come from one schema (add's per-provider flags: addProviderOperation). */
export const OPERATIONS: OperationSpec[] = [
  DETECT,
  DOCTOR,
  VERIFY_TOKEN,
  VERIFY_LOGIN,
  PLAN_ADD,
  APPLY_ADD,
  PLAN_USERS,
  PLAN_PROTECT,
  EXPLAIN_RULE,
  KEYS,
];
