import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/fixtures/**", "node_modules/**", "test/e2e/**"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
