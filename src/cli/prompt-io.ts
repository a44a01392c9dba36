/** The Io for a human at a terminal, on @clack/prompts. Only used when the mode is interactive. */
import { cancel, confirm, isCancel, password, text } from "@clack/prompts";
import { AuthwireError } from "../errors.ts";
import type { Io } from "../io.ts";

function orAbort<T>(value: T | symbol): Exclude<T, symbol> {
  if (isCancel(value)) {
    cancel("Cancelled; nothing was changed.");
    throw new AuthwireError("usage", "Cancelled by the user.");
  }
  return value as Exclude<T, symbol>;
}

export function promptIo({ yes }: { yes: boolean }): Io {
  return {
    async confirm(message, options) {
      if (yes) return true;
      return orAbort(await confirm({ message, initialValue: options?.default ?? false }));
    },
    async ask(questions) {
      const answers: Record<string, string> = {};
      for (const question of questions) {
        const message = `${question.message ?? question.why}${question.obtainedBy?.url ? ` (${question.obtainedBy.url})` : ""}`;
        const validate = (value: string | undefined) => question.validate?.(value ?? "");
        answers[question.name] = orAbort(
          question.secret ? await password({ message, validate }) : await text({ message, validate }),
        );
      }
      return answers;
    },
  };
}
