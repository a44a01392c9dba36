import { createRootRouteWithContext } from "@tanstack/react-router";
import type { ReactNode } from "react";

export const Route = createRootRouteWithContext<{ token?: string }>()({
  component: RootComponent,
});
