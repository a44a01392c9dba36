import { defineConfig } from "vitest/config";

// Slow tier: real SDK installs, codegen, type-checks and builds (test/e2e/).
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2 } },
  },
});
