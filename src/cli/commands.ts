/**
 * Every command's name, help and flags. Kept free of heavy imports so `authwire --help` and
 * `--version` stay cheap; each command's code is loaded only when it runs.
 */
import { Option, type Command } from "commander";
import { COMMON_OPTIONS, RECIPES, RECIPE_OPTIONS } from "../providers/index.ts";
import type { ProviderId } from "../project/facts.ts";
import type { Output } from "./output.ts";

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
  command
    .argument("<provider>", `one of: ${Object.keys(RECIPES).join(", ") || "(none yet)"}`)
    .addOption(
      new Option("--framework <name>", "the app's framework (default: detected)").choices([
        "vite",
        "next",
        "tanstack-start",
      ]),
    )
    .option("--dry-run", "print the plan and the diff; write nothing")
    .option("--diff", "show the diff with the plan (at a terminal the prompt also offers it)")
    .option("--no-install", "print the install command instead of running it")
    .option("--no-env", "don't set deployment env variables (print them instead)")
    .option("--offline", "don't read the deployment's current env while planning");
  const seen = new Set(["--framework", "--dry-run", "--diff", "--no-install", "--no-env", "--offline"]);
  const recipes = provider ? [RECIPE_OPTIONS[provider as ProviderId]!] : [];
  for (const options of [COMMON_OPTIONS, ...recipes]) {
    for (const option of Object.values(options)) {
      const flag = option.secret ? `${option.flag}-stdin` : option.flag;
      if (seen.has(flag)) continue;
      seen.add(flag);
      const description = option.secret
        ? `read ${option.description} from stdin (never pass secrets as arguments)${option.fromEnv ? `; or set ${option.fromEnv}` : ""}`
        : option.description;
      command.option(option.type === "boolean" || option.secret ? flag : `${flag} <value>`, description);
    }
  }
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

/** Where verify reads the deployment's env when not live (docs/commands/verify.md). */
function deploymentEnvOptions(command: Command): Command {
  return command
    .option(
      "--dev-env <file>",
      "the dev deployment's env (dotenv, from `npx convex env list --include-values`) instead of the live read",
    )
    .option("--prod-env <file>", "the prod deployment's env (dotenv)")
    .option("--prod", "judge against the production deployment's env (errors redacted as in production)")
    .option(
      "--env <NAME=VALUE>",
      "an env value of the deployment (repeatable; applied last)",
      (value: string, previous: string[] = []) => [...previous, value],
    );
}

export const COMMANDS: CommandSpec[] = [
  {
    name: "detect",
    description: "print the project facts: framework, dev port, package manager, Convex folder, auth providers",
    load: () => import("./commands/detect.ts"),
  },
  {
    name: "doctor",
    description: "check the auth setup: config, deployment env (dev/prod), client wiring, functions",
    define(command) {
      command
        .option("--dev-env <file>", "the dev deployment's env (npx convex env list --include-values > FILE)")
        .option("--prod-env <file>", "the production deployment's env, same format")
        .option("--offline", "never read the live deployment")
        .option("--online", "also fetch each provider's discovery document and JWKS")
        .option("--only <codes>", "run only these rules (codes or names, comma-separated)")
        .option("--sarif", "print SARIF 2.1.0 for GitHub code scanning")
        .option("--fix", "apply the fixes of fixable findings (shows the plan first)")
        .option("--dry-run", "with --fix: print the plan and the diff; write nothing");
    },
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
    define(command) {
      command
        .option("--rbac", "also a memberships table and convex/roles.ts (getMembership, requireRole, grantRole)")
        .option(
          "--org-table <name>",
          "with --rbac: the table whose rows memberships belong to (default: the one organizations table, else app-wide roles)",
        )
        .option("--roles <list>", "with --rbac: role names from most rights to fewest (default admin,member,viewer)")
        .option("--dry-run", "print the plan and the diff; write nothing")
        .option("--diff", "show the diff with the plan");
    },
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/users.ts"),
  },
  {
    name: "protect",
    description:
      "insert an identity check at the start of public queries, mutations and actions that touch data without one",
    define(command) {
      command
        .option("--dry-run", "print the functions, the plan and the diff; write nothing")
        .option("--diff", "show the diff with the plan");
    },
    writes: (flags) => !flags.dryRun,
    load: () => import("./commands/protect.ts"),
  },
  {
    name: "keys",
    description:
      "Convex Auth key material: check JWT_PRIVATE_KEY + JWKS on the deployment, set a fresh pair when missing, --rotate to replace it",
    define(command) {
      command
        .option("--rotate", "replace the pair even when it is valid, or when it is broken (signs everyone out)")
        .option("--prod", "the production deployment instead of dev")
        .option("--dry-run", "check and print the plan; set nothing");
    },
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
          command
            .argument("[jwt]", "the token, or - to read it from stdin (default when stdin is piped)")
            .option("--now <seconds>", "judge at this unix time instead of now");
          deploymentEnvOptions(command).option(
            "--offline",
            "no live env read, no network: judge what needs neither and list what was skipped",
          );
        },
        load: () => import("./commands/verify-token.ts"),
      },
      {
        name: "login",
        description:
          "open the app in Chromium, capture the token its Convex client sends and Convex's reply, and judge it (exit 0 accepted, 1 rejected or disagreement, 3 not signed in)",
        define(command) {
          command
            .requiredOption("--url <url>", "the app's URL, e.g. http://localhost:5173")
            .option("--headed", "show the browser window, to sign in by hand (default timeout 300 s)")
            .option("--timeout <seconds>", "how long to wait for a token and Convex's answer (default 30)")
            .option(
              "--storage-state <file>",
              "a signed-in session saved with --save-storage-state (Playwright storage state)",
            )
            .option(
              "--save-storage-state <file>",
              "save the browser session to FILE after the run (holds session cookies: keep it out of git)",
            )
            .option("--user-data-dir <dir>", "use (and keep) this Chromium profile instead of a fresh temporary one")
            .option(
              "--browser <path>",
              "the Chromium/Chrome binary (default $AUTHWIRE_BROWSER, /usr/bin/chromium, then Chrome's usual places)",
            );
          deploymentEnvOptions(command).option(
            "--offline",
            "judge without the live env read or fetching discovery/JWKS (the browser still loads the app)",
          );
        },
        load: () => import("./commands/verify-login.ts"),
      },
    ],
  },
];
