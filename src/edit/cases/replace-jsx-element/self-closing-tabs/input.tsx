import { ConvexProvider } from "convex/react";

export function Root() {
	return <ConvexProvider client={convex} />;
}
