import { useQuery, useConvexAuth } from "convex/react";

export function App() {
  const { isAuthenticated } = useConvexAuth();
  return useQuery ? isAuthenticated : null;
}
