/** `plan_add` (writes nothing) and `apply_add` (refuses unless confirm: true; re-checks the files). */
import { z } from "zod";
import { recoverInterruptedApply } from "../../changes/journal.ts";
import { appliedAnything, applyAdd, planAdd, toAddJson } from "../../providers/add.ts";
import { RECIPES } from "../../providers/index.ts";
import { AuthwireError } from "../../errors.ts";
import { APPLY_ADD, PLAN_ADD, mcpInput } from "../../operations/index.ts";
import { defineTool } from "../tool.ts";

const providers = () => Object.keys(RECIPES).join(", ");
const input = mcpInput(PLAN_ADD, z);

function split(options: Record<string, unknown> = {}) {
  const { install, env, framework, client, ...recipe } = options;
  return {
    recipe,
    client: client === false ? false : undefined,
    install: install !== false,
    env: env !== false,
    framework: framework as "vite" | "next" | "tanstack-start" | undefined,
  };
}

export const planAddTool = defineTool({
  name: "plan_add",
  title: "Plan adding an auth provider",
  description: `Plans \`authwire add <provider>\` and writes nothing: files to create/modify/skip, env changes (masked), packages, human steps and the flags of values still missing. Same JSON as \`authwire add --dry-run --json\`. Providers: ${providers()}.`,
  input,
  readOnly: true,
  async run({ cwd, provider, options }) {
    const { recipe, framework, env, client } = split(options);
    return toAddJson(await planAdd({ cwd, provider, options: recipe, framework, client, setDeploymentEnv: env }), {
      applied: false,
    });
  },
});

export const applyAddTool = defineTool({
  name: "apply_add",
  title: "Apply adding an auth provider",
  description:
    "Plans again from the current files and applies `authwire add <provider>` all or nothing (deployment env first, then packages, then files; any failure rolls back). Refuses unless confirm is true. Returns the add JSON (applied: whether anything was written); humanSteps and missing say what a person still has to do.",
  input: mcpInput(APPLY_ADD, z),
  readOnly: false,
  async run({ cwd, provider, options, confirm }) {
    if (confirm !== true) {
      throw new AuthwireError("usage", "apply_add writes to the project and needs confirm: true.", {
        hint: "Call plan_add first, show the plan, then call apply_add with confirm: true.",
      });
    }
    const { recipe, install, env, framework, client } = split(options);
    await recoverInterruptedApply(cwd);
    const added = await planAdd({ cwd, provider, options: recipe, framework, client, setDeploymentEnv: env });
    return toAddJson(added, { applied: appliedAnything(await applyAdd(added, { install, env })) });
  },
});
