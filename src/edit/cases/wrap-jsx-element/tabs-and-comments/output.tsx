import { ConvexProviderWithClerk } from "convex/react-clerk";

createRoot(root).render(
	<StrictMode>
		<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
			<ConvexProviderWithClerk client={convex} useAuth={useAuth}>
				{/* the app */}
				<App   />
			</ConvexProviderWithClerk>
		</ClerkProvider>
	</StrictMode>
);
