import { createRootRouteWithContext } from "@tanstack/react-router";
import type { ReactNode } from "react";

const fetchAuth = () => null;

export const Route = createRootRouteWithContext<{ token?: string }>()({
  component: RootComponent,
});
