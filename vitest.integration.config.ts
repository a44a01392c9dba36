import { defineConfig } from "vitest/config";

// Integration tier: the built CLI, the real convex CLI against stand-in deployments, local issuers
// on 127.0.0.1, git, npm and Chromium (test/, and *.int.test.ts beside their sources). It builds
// dist/ first (test/tiers/build.ts). The slow e2e tier (SDK installs, codegen, builds) is
// vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.int.test.ts"],
    exclude: ["test/fixtures/**", "test/e2e/**", "node_modules/**"],
    globalSetup: ["test/tiers/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
