/**
 * How the library asks its user something. The CLI passes a prompting implementation when a human
 * is at a TTY; everywhere else (agents, CI, MCP, tests) `nonInteractiveIo` answers safe questions
 * by default and turns every needed value into one HumanStepRequired (exit 3) listing them all.
 */
import { HumanStepRequired, type MissingInput } from "./errors.ts";

export interface Question extends MissingInput {
  /** Prompt text for humans; defaults to `why`. */
  message?: string;
  /** Mask the answer while typing. */
  secret?: boolean;
  /** Returns an error message for a bad answer. */
  validate?(value: string): string | undefined;
}

export interface Io {
  /** A yes/no question whose default is safe to take without asking. */
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  /** Values the run needs; resolves all of them or throws HumanStepRequired listing every one. */
  ask(questions: Question[]): Promise<Record<string, string>>;
}

/** No human present: `yes` accepts confirmations, otherwise their defaults; values can't be asked. */
export function nonInteractiveIo({ yes = false }: { yes?: boolean } = {}): Io {
  return {
    async confirm(_message, options) {
      return yes || (options?.default ?? false);
    },
    async ask(questions) {
      if (questions.length === 0) return {};
      throw new HumanStepRequired(
        `authwire needs ${questions.length === 1 ? "a value" : `${questions.length} values`} it can't ask for without a terminal.`,
        { missing: questions.map(({ name, flag, why, obtainedBy }) => ({ name, flag, why, obtainedBy })) },
      );
    },
  };
}
