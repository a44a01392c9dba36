import { defineConfig } from "vite";

export default defineConfig({
  ssr: { noExternal: ["@some/ui", "@convex-dev/better-auth"] },
});
