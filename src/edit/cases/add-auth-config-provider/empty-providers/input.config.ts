import type { AuthConfig } from "convex/server";

export default {
  providers: [],
} satisfies AuthConfig;
