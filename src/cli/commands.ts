/**
 * Every command's name, help and flags. Kept free of heavy imports so `authwire --help` and
 * `--version` stay cheap; each command's code is loaded only when it runs.
 */
import type { Command } from "commander";
import { RECIPES, RECIPE_OPTIONS } from "../providers/index.ts";
import type { Output } from "./output.ts";
import {
  DETECT,
  DOCTOR,
  KEYS,
  PLAN_ADD,
  PLAN_PROTECT,
  PLAN_USERS,
  VERIFY_LOGIN,
  VERIFY_TOKEN,
  addCliOptions,
  addProviderOperation,
} from "../operations/index.ts";

export interface CommandModule {
  /** Runs the command and returns the exit code. */
  run(args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number>;
}

export interface CommandSpec {
  name: string;
  description: string;
  /** `argv`: the raw arguments, for flags that depend on a positional (`add <provider>`). */
  define?(command: Command, argv: string[]): void;
  load?(): Promise<CommandModule>;
  /**
   * The command may write to the project (add, users, protect, doctor --fix). Before it runs, the
   * shell rolls back (or finishes) an apply an earlier run left interrupted.
   */
  writes?: boolean | ((flags: Record<string, unknown>) => boolean);
  subcommands?: CommandSpec[];
}

/** Examples per provider for `authwire add <provider> --help` (values are placeholders). */
const ADD_EXAMPLES: Record<string, string[]> = {
  clerk: [
    "authwire add clerk --clerk-publishable-key pk_test_… --dry-run",
    "authwire add clerk --clerk-publishable-key pk_test_… --yes",
    'printf %s "$CLERK_SECRET_KEY" | authwire add clerk --prod --prod-clerk-publishable-key pk_live_… --clerk-secret-key-stdin --yes',
  ],
  workos: [
    "authwire add workos --workos-team managed --dry-run",
    'printf %s "$WORKOS_API_KEY" | authwire add workos --workos-team existing --workos-client-id client_… --workos-api-key-stdin --yes',
  ],
  auth0: ["authwire add auth0 --auth0-domain my-tenant.us.auth0.com --auth0-client-id abc123 --yes"],
  "custom-jwt": [
    "authwire add custom-jwt --issuer https://issuer.example.com --jwks https://issuer.example.com/.well-known/jwks.json --algorithm RS256 --yes",
  ],
  "convex-auth": [
    "authwire add convex-auth --methods password --yes",
    "authwire add convex-auth --methods password,github --dry-run",
  ],
};

/** The provider named after `add` on the command line, when it is one authwire knows. */
export function providerInArgv(argv: string[]): string | undefined {
  const at = argv.indexOf("add");
  if (at < 0) return undefined;
  const next = argv.slice(at + 1).find((arg) => !arg.startsWith("-"));
  return next !== undefined && next in RECIPE_OPTIONS ? next : undefined;
}

/**
 * `add`'s flags: the engine's, then the named provider's options (a secret only as `<flag>-stdin`).
 * With no provider on the command line (`authwire add --help`), the help lists the providers and
 * points at `authwire add <provider> --help`; a flag of another provider is an unknown option.
 */
function defineAdd(command: Command, argv: string[]): void {
  const provider = providerInArgv(argv);
  command.argument("<provider>", `one of: ${Object.keys(RECIPES).join(", ") || "(none yet)"}`);
  addCliOptions(command, PLAN_ADD);
  addCliOptions(command, addProviderOperation(provider ?? ""));
  const examples = provider ? (ADD_EXAMPLES[provider] ?? []) : Object.values(ADD_EXAMPLES).map((list) => list[0]!);
  command.addHelpText(
    "after",
    [
      "",
      provider
        ? `Without a terminal nothing is written unless --yes is given (exit 3 shows the plan first).`
        : `Each provider's own flags: authwire add <provider> --help (e.g. authwire add clerk --help).`,
      ...(examples.length > 0 ? ["", "Examples:", ...examples.map((example) => `  $ ${example}`)] : []),
      "",
      "Exit codes: 0 done, 1 apply failed (rolled back), 2 usage, 3 a human step, a value or --yes is needed, 130 cancelled.",
    ].join("\n"),
  );
}

export const COMMANDS: CommandSpec[] = [
  {
    name: "detect",
    description: "print the project facts: framework, dev port, package manager, Convex folder, auth providers",
    define: (command) => addCliOptions(command, DETECT),
    load: () => import("./commands/detect.ts"),
  },
  {
    name: "doctor",
    description: "check the auth setup: config, deployment env (dev/prod), client wiring, functions",
    define: (command) => addCliOptions(command, DOCTOR),
    // --fix writes: an apply an earlier run left interrupted is rolled back first (not for a dry run, which writes nothing).
    writes: (flags) => Boolean(flags.fix) && !flags.dryRun,
    load: () => import("./commands/doctor.ts"),
  },
  {
    name: "add",
    description: "set up an auth provider: plan, show CREATE/MODIFY/SKIP and a diff, apply atomically",
    define: defineAdd,
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/add.ts"),
  },
  {
    name: "users",
    description:
      "users table keyed by tokenIdentifier, a store upsert, getCurrentUser helpers and the client's useStoreUserEffect (--rbac: memberships and requireRole)",
    define: (command) => addCliOptions(command, PLAN_USERS),
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/users.ts"),
  },
  {
    name: "protect",
    description:
      "insert an identity check at the start of public queries, mutations and actions that touch data or spend a server secret without one",
    define: (command) => addCliOptions(command, PLAN_PROTECT),
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/protect.ts"),
  },
  {
    name: "keys",
    description:
      "Convex Auth key material: check JWT_PRIVATE_KEY + JWKS on the deployment, set a fresh pair when missing, --rotate to replace it",
    define: (command) => addCliOptions(command, KEYS),
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/keys.ts"),
  },
  {
    name: "mcp",
    description: "serve authwire's operations as MCP tools on stdio, for coding agents",
    load: () => import("./commands/mcp.ts"),
  },
  {
    name: "verify",
    description:
      "prove that auth works: judge a token exactly as the Convex backend would, or capture one from the app in a browser",
    subcommands: [
      {
        name: "token",
        description:
          "judge a JWT against convex/auth.config.ts with Convex's own rules (exit 0 accepted, 1 rejected, 3 undetermined)",
        define(command) {
          command.argument("[jwt]", "the token, or - to read it from stdin (default when stdin is piped)");
          addCliOptions(command, VERIFY_TOKEN);
        },
        load: () => import("./commands/verify-token.ts"),
      },
      {
        name: "login",
        description:
          "open the app in Chromium, capture the token its Convex client sends and Convex's reply, and judge it (exit 0 accepted, 1 rejected or disagreement, 3 not signed in)",
        define: (command) => addCliOptions(command, VERIFY_LOGIN),
        load: () => import("./commands/verify-login.ts"),
      },
    ],
  },
];
