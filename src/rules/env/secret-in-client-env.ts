/**
 * AW201: a secret in a variable the bundler inlines into client code (VITE_, NEXT_PUBLIC_,
 * EXPO_PUBLIC_…): anyone who loads the page can read it. Bundlers inline only the variables code
 * names, so a variable in an env file that no code file mentions, a secret by its name only, ships
 * nowhere (unless a Vite file hands out the whole `import.meta.env`); neither does a read in a file
 * nothing imports (../../analysis/bundle.ts). A value shaped like a secret is reported wherever it sits.
 */
import type { DoctorContext, LocalEnvFile } from "../context.ts";
import { defineRule } from "../define.ts";
import { clientPrefix, holdsSecret, isSecretName, isTemplateEnvFile, secretValueKind } from "../helpers.ts";

export default defineRule({
  meta: {
    code: "AW201",
    name: "secret-in-client-env",
    category: "env",
    severity: "error",
    fixable: false,
    description: "A secret sits in a client-exposed variable (VITE_, NEXT_PUBLIC_, EXPO_PUBLIC_).",
    docs: "docs/rules/secret-in-client-env.md",
    messages: {
      inFile:
        "{{name}} holds {{kind}}, and the {{prefix}} prefix puts it in the client bundle where anyone can read it.",
      inCode: "Client code reads {{name}}, a secret by its name; the {{prefix}} prefix ships it to every browser.",
    },
    fixes: {
      inFile:
        "Rotate the secret now, rename the variable without {{prefix}} and read it only on the server (or set it on the Convex deployment: npx convex env set).",
      inCode:
        "Read secrets only on the server or in Convex functions; rename the variable without {{prefix}} and rotate the value.",
    },
  },
  async check({ doctor, report }) {
    const envFiles = await doctor.localEnv();
    const publicHalf = keyWithSecret(envFiles, doctor);
    // Every place is reported with the variable as its subject; the engine keeps one finding per
    // variable (the first: a value in an env file, else the first code read) and counts the others.
    for (const file of envFiles) {
      const template = isTemplateEnvFile(file.path);
      for (const [name, value] of Object.entries(file.values)) {
        const prefix = clientPrefix(name);
        if (!prefix) continue;
        const byShape = secretValueKind(value);
        const kind = template ? byShape : (byShape ?? (publicHalf(name) ? null : holdsSecret(name, value)));
        // A secret judged by its name alone ships only once code names it; a value shaped like one
        // (`sk_live_…`) is reported wherever it sits: one read away from the bundle.
        if (!kind || (!byShape && !(await doctor.bundle()).named(name))) continue;
        report({
          messageId: "inFile",
          data: { name, kind, prefix },
          file: file.path,
          line: file.lineOf(name) ?? 1,
          column: 1,
          subject: `env:${name}`,
        });
      }
    }
    for (const file of doctor.client.files.values()) {
      if (isServerOnlyFile(file.file, file.directives)) continue;
      for (const read of file.envReads) {
        const prefix = clientPrefix(read.name);
        if (!prefix || !isSecretName(read.name) || PUBLIC_BY_DESIGN.test(read.name) || publicHalf(read.name)) continue;
        if ((await doctor.bundle()).unimported(file.file)) continue;
        report({
          messageId: "inCode",
          data: { name: read.name, prefix },
          file: file.file,
          line: read.line,
          column: read.column,
          subject: `env:${read.name}`,
        });
      }
    }
  },
});

/** Keys their vendors publish to browsers by design (restricted by referrer or signature, not secrecy). */
const PUBLIC_BY_DESIGN =
  /(?:FIREBASE|CLOUDINARY|GOOGLE_MAPS|MAPS|MAPBOX|ALGOLIA_SEARCH|POSTHOG|SENTRY|REVENUECAT)_\w*KEY$|MAPBOX_\w*TOKEN$/;

/**
 * An API key whose vendor pairs it with a secret the project keeps elsewhere (`NEXT_PUBLIC_STREAM_API_KEY`
 * beside `STREAM_API_SECRET`, `…_CINETPAY_API_KEY` beside `CINETPAY_SECRET_KEY`): the key is the
 * public half, the secret signs. Names come from the env files and every env read of the project.
 */
function keyWithSecret(envFiles: readonly LocalEnvFile[], doctor: DoctorContext): (name: string) => boolean {
  const bare = (name: string) => name.slice(clientPrefix(name)?.length ?? 0);
  const names = new Set<string>();
  for (const file of envFiles) for (const name of Object.keys(file.values)) names.add(bare(name));
  for (const file of doctor.client.files.values()) for (const read of file.envReads) names.add(bare(read.name));
  for (const module of doctor.backend.modules.values()) {
    for (const read of module.envReads) names.add(read.name);
    for (const name of module.topLevelEnv) names.add(name);
    for (const reads of module.envClients.values()) for (const name of reads) names.add(name);
  }
  return (name) => {
    const stem = /^(\w+?)_(?:API_|APP_|PUBLIC_)?KEY$/.exec(bare(name))?.[1];
    if (!stem) return false;
    return ["SECRET", "API_SECRET", "SECRET_KEY", "API_SECRET_KEY", "APP_SECRET"].some((end) =>
      names.has(`${stem}_${end}`),
    );
  };
}

/**
 * Code that never reaches the browser bundle: Next route handlers (app/**\/route.ts), API routes
 * (pages/api), server actions ("use server"), middleware/proxy, scripts and server folders, and
 * tests (`*.test.ts`, `__tests__/`, `e2e/`), which the test runner loads and no bundle imports.
 */
export function isServerOnlyFile(path: string, directives: readonly string[]): boolean {
  if (directives.includes("use server")) return true;
  if (/(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/.test(path)) return true;
  if (/(?:^|\/)pages\/api\//.test(path)) return true;
  if (/^(?:src\/)?(?:middleware|proxy|instrumentation)\.[cm]?[jt]s$/.test(path)) return true;
  if (/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path) || /(?:^|\/)(?:__tests__|e2e)\//.test(path)) return true;
  return /(?:^|\/)(?:scripts|server)\//.test(path) || /\.server\.[cm]?[jt]sx?$/.test(path);
}
