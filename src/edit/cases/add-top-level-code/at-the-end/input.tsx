"use client";

import { ConvexProviderWithAuth } from "convex/react";

export function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithAuth client={convex} useAuth={useAuthFromIdp}>{children}</ConvexProviderWithAuth>;
}
