import { defineConfig } from "vitest/config";

// Unit tier: pure tests beside their sources (no processes, sockets or browser: test/tiers/unit-setup.ts
// refuses them). The integration tier is vitest.integration.config.ts; the slow e2e tier vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.int.test.ts", "src/**/cases/**", "node_modules/**"],
    setupFiles: ["test/tiers/unit-setup.ts"],
    testTimeout: 30_000,
    // One module graph for the whole tier: pure tests share nothing, and re-importing the parser
    // and the rules per file was most of its time.
    pool: "threads",
    isolate: false,
  },
});
