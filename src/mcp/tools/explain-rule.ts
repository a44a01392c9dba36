import { z } from "zod";
import { explainRule } from "../../index.ts";
import { defineTool } from "../tool.ts";
import { EXPLAIN_RULE, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "explain_rule",
  title: "Explain a doctor rule",
  description:
    "What one of authwire's doctor rules checks and why: its meta (code, name, category, default severity, whether --fix can fix it, message and fix templates) and its documentation page in Markdown (what, why, an incorrect and a correct example, the fix, the heuristics). Takes the code from a finding (AW603) or the rule's name.",
  input: mcpInput(EXPLAIN_RULE, z),
  readOnly: true,
  async run({ code }) {
    return explainRule(code);
  },
});
