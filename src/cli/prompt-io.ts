/**
 * The Io for a human at a terminal, on @clack/prompts. Only used when the mode is interactive.
 * Questions are asked as questions; a bad answer is asked again (clack re-prompts on `validate`);
 * Ctrl-C or Esc ends the run with one message and exit 130 (`cancelled`).
 */
import { cancel, confirm, isCancel, password, select, text } from "@clack/prompts";
import { AuthwireError } from "../errors.ts";
import type { Io, Question } from "../io.ts";

function orAbort<T>(value: T | symbol): Exclude<T, symbol> {
  if (isCancel(value)) {
    cancel("Cancelled; nothing was changed.");
    // Already said on the terminal: the shell prints nothing more for this code.
    throw new AuthwireError("cancelled", "Cancelled; nothing was changed.");
  }
  return value as Exclude<T, symbol>;
}

/** "What is X?" from a flag's help text ("the Clerk publishable key (pk_test_…)"). */
export function asQuestion(question: Question): string {
  if (question.message?.trim().endsWith("?")) return question.message;
  const why = question.why.trim().replace(/[.:;]+$/, "");
  const body = /\?$/.test(why) ? why : `What is ${why.charAt(0).toLowerCase()}${why.slice(1)}?`;
  const flag = question.flag.split(" ")[0];
  // The dashboard URL on a line of its own, so it never runs into the value typed after it.
  const where = question.obtainedBy?.url ? `  ${question.obtainedBy.title}:\n  ${question.obtainedBy.url}\n` : "";
  return `${body}\n${where}  (${flag}; empty: leave it for later)`;
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
        const message = asQuestion(question);
        // clack shows the message under the prompt and asks again until validate passes.
        const validate = (value: string | undefined) => question.validate?.(value ?? "");
        answers[question.name] = orAbort(
          question.secret ? await password({ message, validate }) : await text({ message, validate }),
        ).trim();
      }
      return answers;
    },
  };
}

/** "Apply these changes?" with a third answer that prints the diff and asks again. */
export async function confirmWithDiff(
  question: string,
  diff: () => string,
  show: (text: string) => void,
): Promise<boolean> {
  for (;;) {
    const answer = orAbort(
      await select({
        message: question,
        options: [
          { value: "yes", label: "Yes, apply" },
          { value: "diff", label: "Show the diff first" },
          { value: "no", label: "No, change nothing" },
        ],
        initialValue: "yes",
      }),
    );
    if (answer !== "diff") return answer === "yes";
    show(diff());
  }
}
