import { HeadContent, Outlet, Scripts } from "@tanstack/react-router";
import type { ReactNode } from "react";

function RootDocument({ children }: { children: ReactNode }) {
	return (
		<html lang="en">
			<head>
				<HeadContent />
			</head>
			<body>
				<ConvexProviderWithClerk client={convexClient} useAuth={useAuth}>
					{children}
				</ConvexProviderWithClerk>
				<Scripts />
			</body>
		</html>
	);
}
