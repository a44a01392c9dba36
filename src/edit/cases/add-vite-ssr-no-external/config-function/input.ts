import { defineConfig } from "vite";

export default defineConfig(({ mode }) => ({
  define: { MODE: JSON.stringify(mode) },
}));
