/**
 * AW511: Convex Auth v2 keeps sessions in its core component, which must be mounted as `auth`
 * (`app.use(auth)` without a `name`); each method's component must be mounted too. Without them
 * the first sign-in fails ("The auth component is mounted at …", or a missing `components.X`).
 */
import { defineRule } from "../define.ts";
import { CORE_MODULE, defaultComponentName, readV2App } from "./v2-app.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

export default defineRule({
  meta: {
    code: "AW511",
    name: "convex-auth-v2-component-not-mounted",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "Convex Auth v2's core component (or a method's component) is not mounted as it must be.",
    docs: "docs/rules/convex-auth-v2-component-not-mounted.md",
    messages: {
      noConfig:
        "Convex Auth v2 needs {{dir}}/convex.config.ts mounting its core component (app.use(auth)); there is none.",
      coreMissing: `{{file}} doesn't mount Convex Auth's core component (${CONVEX_AUTH_PACKAGE}/convex.config.js).`,
      coreRenamed:
        'The auth component is mounted as "{{name}}", but it must be mounted at "auth": sign-in throws on first use.',
      methodMissing: "{{file}} uses components.{{name}}, but {{config}} doesn't mount it.",
    },
    fixes: {
      noConfig:
        "Create it: `const app = defineApp(); app.use(auth); …; export default app;` (authwire add convex-auth writes it).",
      coreMissing: `Add \`import auth from "${CONVEX_AUTH_PACKAGE}/convex.config.js";\` and \`app.use(auth);\`.`,
      coreRenamed: "Use `app.use(auth)` in convex.config.ts, without a `name` option.",
      methodMissing: `Mount the method's component: app.use({{name}}) with its import from ${CONVEX_AUTH_PACKAGE}/components/….`,
    },
  },
  async check({ doctor, report }) {
    if (doctor.facts.convexAuth?.major !== 2) return;
    const app = await readV2App(doctor);
    if (!app.file) {
      report({ messageId: "noConfig", data: { dir: doctor.convexDir }, file: null });
      return;
    }
    const core = app.mounted.filter((mount) => mount.from === CORE_MODULE);
    if (core.length === 0) report({ messageId: "coreMissing", data: { file: app.file }, file: app.file });
    for (const mount of core) {
      if (mount.name !== null && mount.name !== "auth")
        report({
          messageId: "coreRenamed",
          data: { name: mount.name },
          file: app.file,
          line: mount.line,
          column: mount.column,
        });
    }
    const mountedNames = new Set(app.mounted.map((mount) => mount.name ?? defaultComponentName(mount.from)));
    const reported = new Set<string>();
    for (const use of app.used) {
      if (use.name === "auth" || mountedNames.has(use.name) || reported.has(use.name)) continue;
      if (!/^auth(?:Password|Username|Email|Passkey|Github|Google|Apple)$/.test(use.name)) continue;
      reported.add(use.name);
      report({
        messageId: "methodMissing",
        data: { file: use.file, name: use.name, config: app.file },
        file: use.file,
        line: use.line,
        column: use.column,
      });
    }
  },
});
