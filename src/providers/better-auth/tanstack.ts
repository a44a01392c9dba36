/** Better Auth on TanStack Start (placeholder until the Start wiring lands). */
import type { Kit } from "../../changes/kit.ts";
import { AuthwireError } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import type { BetterAuthMethod } from "./options.ts";

export async function planTanstack(
  _facts: ProjectFacts,
  _kit: Kit,
  _options: { methods: BetterAuthMethod[]; replace: boolean },
): Promise<void> {
  throw new AuthwireError("unsupported", "better-auth on TanStack Start is not wired yet.");
}
