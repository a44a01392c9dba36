/**
 * AW612: a public action uses a server secret (an API key, a token: `OPENAI_API_KEY`,
 * `TWILIO_AUTH_TOKEN`) with no identity check on its path. Actions are where Convex code calls paid
 * services; a public one is callable by anyone with the deployment URL, so anyone can run the model,
 * send the SMS or sign the URL on the app's account. Data-free actions are outside AW602, which is
 * about data. A shared-secret comparison that throws counts as a check, as does a helper we can't
 * see; `// authwire: public` or `publicFunctions` says the action is public on purpose. A secret
 * read at the top level of its module (a client built there) counts for each of its actions. A
 * captcha's secret (it verifies what the caller solved) and a read of the provider's catalogue
 * (`listPlans`, `getProduct`) are not spending. The analysis owns the list (findSpendingActions);
 * `authwire protect` inserts the sign-in check into exactly these actions.
 */
import { findSpendingActions } from "../../analysis/resolver.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW612",
    name: "public-action-spends-secret",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "A public action uses a server secret (an API key) with no identity check.",
    docs: "docs/rules/public-action-spends-secret.md",
    messages: {
      spends:
        "Public action `{{name}}` uses {{secrets}} with no identity check: anyone with the deployment URL can run it on the app's account.",
    },
    fixes: {
      spends:
        'Check the caller first (`if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not authenticated")`; authwire protect inserts it), or make it an internalAction scheduled by a function that checks; rate-limit it if it must stay public.',
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    for (const { fn, secrets } of findSpendingActions(doctor.resolver())) {
      report({
        messageId: "spends",
        data: { name: fn.name, secrets: secrets.map((name) => `\`${name}\``).join(", ") },
        file: fn.file,
        line: fn.line,
        column: fn.column,
        subject: `function:${fn.file}:${fn.name}`,
      });
    }
  },
});
