import { defineConfig } from "vitest/config";

// Unit tier: pure tests beside their sources (no processes, sockets or browser: test/tiers/unit-setup.ts
// refuses them). The integration tier is vitest.integration.config.ts; the slow e2e tier vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.int.test.ts", "src/**/cases/**", "node_modules/**"],
    setupFiles: ["test/tiers/unit-setup.ts"],
    testTimeout: 10_000,
  },
});
