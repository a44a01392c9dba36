/**
 * AW302: the Convex bridge must sit inside the identity provider's own provider
 * (`<ClerkProvider><ConvexProviderWithClerk>`), since it reads the provider's hooks. Checked
 * within a file and across files (a `ConvexClientProvider` component imported into a layout). A
 * local wrapper (`@/providers/ClerkProvider` rendering Clerk's, even under another name) counts as
 * what it renders.
 */
import { renderedComponents, resolveClientImport } from "../../analysis/client.ts";
import type { ClientFile, JsxUse } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";
import { PROFILE_ORDER, isProfileModule } from "../../providers/profiles.ts";

/** Each provider's bridge and the provider component that must wrap it (from the profiles). */
const PAIRS = PROFILE_ORDER.flatMap((profile) =>
  profile.client.bridge && profile.client.provider
    ? [{ bridge: profile.client.bridge.name, idp: profile.client.provider, profile }]
    : [],
);

export default defineRule({
  meta: {
    code: "AW302",
    name: "provider-nesting-order",
    category: "client",
    severity: "error",
    fixable: false,
    description: "The Convex auth bridge is outside (or without) the identity provider's provider.",
    docs: "docs/rules/provider-nesting-order.md",
    messages: {
      inverted:
        "<{{idp}}> is rendered inside <{{outer}}>{{via}}: the bridge can't read {{idp}}'s context and the app crashes or stays signed out.",
      missingIdp: "<{{bridge}}> is rendered but no <{{idp}}> wraps it anywhere in the app.",
    },
    fixes: {
      inverted: "Swap them: <{{idp}}> outside, <{{bridge}}> (or the component rendering it) inside.",
      missingIdp: "Wrap <{{bridge}}> (or the component rendering it) in <{{idp}}> from the provider's SDK.",
    },
  },
  check({ doctor, report }) {
    const index = doctor.client;
    const files = [...index.files.values()];
    const known = new Set(index.files.keys());
    /** The package components a use renders (itself, or what a local wrapper renders). */
    const rendered = (file: ClientFile, use: JsxUse) => renderedComponents(index, file, use);
    /** The bridge itself, also imported under another name. */
    const isBridge = (use: JsxUse, bridge: string) => use.name === bridge || use.from?.imported === bridge;
    const rendersBridge = (file: ClientFile, bridge: string) => file.elements.some((use) => isBridge(use, bridge));
    for (const { bridge, idp, profile } of PAIRS) {
      const isIdp = (file: ClientFile, use: JsxUse) => {
        if (use.from === null) return use.name === idp;
        const components = rendered(file, use);
        const own = (component: { module: string }) => isProfileModule(profile, component.module);
        // A wrapper rendering the bridge too is a providers file: its own nesting is checked there.
        return (
          components.some((component) => component.imported === idp && own(component)) &&
          !components.some((component) => component.imported === bridge)
        );
      };
      const bridgeFiles = files.filter((file) => rendersBridge(file, bridge));
      if (bridgeFiles.length === 0) continue;
      const idpUses = files.flatMap((file) =>
        file.elements.filter((use) => isIdp(file, use)).map((use) => ({ file, use })),
      );
      if (idpUses.length === 0) {
        const file = bridgeFiles[0]!;
        const use = file.elements.find((element) => isBridge(element, bridge))!;
        report({ messageId: "missingIdp", data: { bridge, idp }, file: file.file, line: use.line, column: use.column });
        continue;
      }
      for (const { file, use } of idpUses) {
        for (const ancestor of use.ancestors) {
          let outerIsBridge = ancestor === bridge;
          if (!outerIsBridge) {
            const binding = file.imports.get(ancestor.split(".")[0]!);
            const target = binding ? resolveClientImport(file.file, binding.module, known) : null;
            outerIsBridge = target !== null && target !== file.file && rendersBridge(index.files.get(target)!, bridge);
          }
          if (outerIsBridge) {
            report({
              messageId: "inverted",
              data: { idp, bridge, outer: ancestor, via: ancestor === bridge ? "" : `, which renders <${bridge}>` },
              file: file.file,
              line: use.line,
              column: use.column,
            });
            break;
          }
        }
      }
    }
  },
});
