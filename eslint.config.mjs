// Lint: typescript-eslint (type-checked) plus the import boundaries of design.md's data flow:
// project → analysis → providers / rules / verify / scaffold → cli / mcp, with no cycles.
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** A layer may not import these folders (relative to src/). */
const forbidden = {
  code: ["project", "analysis", "providers", "rules", "verify", "scaffold", "changes", "deployment", "cli", "mcp"],
  config: ["analysis", "providers", "rules", "verify", "scaffold", "changes", "deployment", "cli", "mcp"],
  edit: ["analysis", "providers", "rules", "verify", "scaffold", "deployment", "cli", "mcp"],
  oidc: ["analysis", "providers", "rules", "verify", "scaffold", "changes", "deployment", "cli", "mcp"],
  project: ["analysis", "providers", "rules", "verify", "scaffold", "changes", "deployment", "cli", "mcp"],
  deployment: ["analysis", "providers", "rules", "verify", "scaffold", "changes", "cli", "mcp"],
  changes: ["analysis", "providers", "rules", "verify", "scaffold", "cli", "mcp"],
  analysis: ["providers", "rules", "verify", "scaffold", "changes", "deployment", "cli", "mcp"],
  rules: ["scaffold", "verify", "cli", "mcp"],
  verify: ["rules", "scaffold", "analysis", "cli", "mcp"],
  scaffold: ["rules", "verify", "cli", "mcp"],
  providers: ["rules", "verify", "scaffold", "cli", "mcp"],
  mcp: ["cli"],
};

/**
 * Provider profiles are pure data (they import only types): detection and the analysis read them,
 * so src/project and src/analysis may import the registry (and the profile type), and nothing else of src/providers.
 */
const profiles = { providers: ["./profiles.ts", "./profile.ts"] };
const allowed = { project: profiles, analysis: profiles, config: profiles };

const zones = Object.entries(forbidden).flatMap(([layer, targets]) =>
  targets.map((target) => ({
    target: `./src/${layer}`,
    from: `./src/${target}`,
    ...(allowed[layer]?.[target] ? { except: allowed[layer][target] } : {}),
    message: `src/${layer} sits below src/${target} in the data flow (design.md): move the shared part down.`,
  })),
);

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "examples/**",
      ".e2e-work/**",
      "test/fixtures/**",
      "test/cases/**",
      "src/edit/cases/**",
      "docs/**",
      "**/*.d.ts",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // `import("…")` types are how lazily loaded modules are typed without loading them.
      "@typescript-eslint/consistent-type-imports": ["error", { disallowTypeAnnotations: false }],
      // Reported, not blocking: JSON and third-party boundaries typed `any` are narrowed where used.
      "@typescript-eslint/no-unsafe-assignment": "warn",
      "@typescript-eslint/no-unsafe-member-access": "warn",
      "@typescript-eslint/no-unsafe-argument": "warn",
      "@typescript-eslint/no-unsafe-call": "warn",
      "@typescript-eslint/no-unsafe-return": "warn",
      "@typescript-eslint/no-explicit-any": "warn",
      // Off: noisy on this code base's patterns (methods passed as callbacks, template literals
      // of numbers and unions, async functions that satisfy an interface without awaiting).
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/no-floating-promises": "error",
    },
    settings: {
      "import-x/resolver": { node: { extensions: [".ts", ".js", ".mjs"] } },
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests reach across layers on purpose (a deployment test renders doctor's output) and read
    // untyped JSON from the CLI they spawn.
    files: ["**/*.test.ts", "test/**/*.ts", "bench/**", "scripts/**"],
    rules: {
      "import-x/no-restricted-paths": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // cli and mcp are shells: nothing else imports them.
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/mcp/**", "src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "(^|/)(cli|mcp)/", message: "Only the shells import src/cli and src/mcp." }] },
      ],
    },
  },
);
