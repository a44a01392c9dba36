import { convexAuthProvider as v2 } from "@convex-dev/auth/server";
import { convexAuthProvider } from "./somewhere-else";

export default {
  providers: [v2(), convexAuthProvider()],
};
