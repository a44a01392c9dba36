import { useQuery } from "convex/react";

const hooks = { useMutation: 1 };
export const x = hooks.useMutation + (useQuery ? 1 : 0);
