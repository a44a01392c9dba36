import { ConvexProvider } from "convex/react";

export function Root() {
	return <ConvexProviderWithClerk client={convex} useAuth={useAuth} />;
}
