import { defineConfig } from "vite";

export default defineConfig({
  ssr: {
    noExternal: ["@better-auth/*", "better-auth", "@convex-dev/better-auth"],
  },
});
