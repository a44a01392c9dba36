/**
 * One error type for everything authwire refuses to do, with a stable code per cause.
 * Findings (doctor) and verdicts (verify) are data and never thrown; these are for the
 * cases where an operation cannot go on. Misuse of the library API throws TypeError instead.
 */

import { joinClauses } from "./clauses.ts";
/** Exit codes shared by every command (design.md). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  humanStep: 3,
  /** The user cancelled at a prompt (Ctrl-C, Esc): 128 + SIGINT, as shells report an interrupt. */
  cancelled: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Every error code, what it means and the exit code it maps to. Codes are stable. */
export const ERROR_CODES = {
  usage: { exit: ExitCode.usage, about: "A flag or argument is missing or malformed." },
  not_a_project: { exit: ExitCode.usage, about: "The directory holds no package.json and no app below it." },
  monorepo_root: { exit: ExitCode.usage, about: "The directory is a monorepo root; pick an app with --cwd." },
  project_unreadable: { exit: ExitCode.usage, about: "A project file could not be read or parsed." },
  unsupported: { exit: ExitCode.usage, about: "The provider and framework combination is not supported." },
  dev_instance_on_prod: {
    exit: ExitCode.usage,
    about: "A development instance's value (pk_test_, a dev issuer) was given for the production deployment.",
  },
  missing_input: { exit: ExitCode.humanStep, about: "A value is needed and there is no terminal to ask for it." },
  human_step_required: { exit: ExitCode.humanStep, about: "A step only a human can do comes first." },
  consent_required: {
    exit: ExitCode.humanStep,
    about: "The plan writes to the project and there is no terminal to confirm it: run again with --yes.",
  },
  not_a_convex_app: { exit: ExitCode.usage, about: "The folder has no convex dependency and no convex/ folder." },
  edit_refused: {
    exit: ExitCode.failed,
    about:
      "A file the plan must change can't be edited safely (a syntax error, a binary file, a link); nothing was written.",
  },
  cancelled: { exit: ExitCode.cancelled, about: "Cancelled at a prompt; nothing was changed." },
  plan_stale: { exit: ExitCode.failed, about: "A file changed between planning and applying." },
  apply_failed: { exit: ExitCode.failed, about: "Applying failed and every change was rolled back." },
  apply_in_progress: {
    exit: ExitCode.failed,
    about: "Another authwire run is applying changes to this project right now.",
  },
  recovery_failed: {
    exit: ExitCode.failed,
    about: "An interrupted apply could not be rolled back; its journal in .authwire/ keeps the backups.",
  },
  install_failed: { exit: ExitCode.failed, about: "The package manager failed to install the packages." },
  deployment_unreachable: { exit: ExitCode.failed, about: "The Convex deployment could not be reached." },
  deployment_command_failed: {
    exit: ExitCode.failed,
    about: "The convex CLI reached the deployment but the command failed.",
  },
  convex_cli_missing: {
    exit: ExitCode.failed,
    about: "The project has no convex CLI (node_modules/convex) to reach its deployment with.",
  },
  browser_failed: { exit: ExitCode.failed, about: "The browser (Chromium) for verify login could not be started." },
  internal: { exit: ExitCode.failed, about: "An unexpected failure inside authwire." },
} as const satisfies Record<string, { exit: ExitCodeValue; about: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AuthwireErrorOptions {
  /** One line telling the user what to do about it. */
  hint?: string;
  /** The file (relative to the project root) the problem is in, with 1-based line and column. */
  file?: string;
  line?: number;
  column?: number;
  docsUrl?: string;
  /** Structured extras for JSON output (e.g. the apps found under a monorepo root). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AuthwireError extends Error {
  override readonly name: string = "AuthwireError";
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly docsUrl?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AuthwireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.docsUrl = options.docsUrl;
    this.details = options.details;
  }

  get exitCode(): ExitCodeValue {
    return ERROR_CODES[this.code].exit;
  }

  /** `file:line:column`, as far as known. */
  get location(): string | undefined {
    if (!this.file) return undefined;
    return [this.file, this.line, this.column].filter((part) => part !== undefined).join(":");
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint && { hint: this.hint }),
      ...(this.file && { file: this.file, line: this.line, column: this.column }),
      ...(this.docsUrl && { docsUrl: this.docsUrl }),
      ...(this.details && { details: this.details }),
    };
  }
}

/** A step the user must take by hand (a dashboard toggle, an interactive login), exactly where and why. */
export interface HumanStep {
  title: string;
  url?: string;
  why: string;
  /**
   * A command that takes the step in a terminal (`npx convex dev --once`): it asks its own
   * questions, so the CLI only offers to run it when a human is at one; otherwise it is an
   * instruction like any other step.
   */
  command?: string;
}

/** A value the run needs and could not ask for, with the flag that supplies it. */
export interface MissingInput {
  name: string;
  flag: string;
  why: string;
  /** How to get the value, e.g. a dashboard step. */
  obtainedBy?: HumanStep;
}

/** Thrown when a run can't go on without a human: a step to take, or inputs to pass as flags (exit 3). */
export class HumanStepRequired extends AuthwireError {
  override readonly name = "HumanStepRequired";
  readonly steps: HumanStep[];
  readonly missing: MissingInput[];

  constructor(message: string, { steps = [], missing = [] }: { steps?: HumanStep[]; missing?: MissingInput[] }) {
    super(missing.length > 0 ? "missing_input" : "human_step_required", message, {
      hint:
        missing.length > 0
          ? `Pass ${missing.map((input) => input.flag).join(", ")}.`
          : joinClauses(steps.map((step) => step.title)),
      details: { steps, missing },
    });
    this.steps = steps;
    this.missing = missing;
  }
}

export function isAuthwireError(error: unknown): error is AuthwireError {
  return error instanceof AuthwireError;
}
