import { ConvexProviderWithClerk } from "convex/react-clerk";

createRoot(root).render(
	<StrictMode>
		<ConvexProviderWithClerk client={convex} useAuth={useAuth}>
			{/* the app */}
			<App   />
		</ConvexProviderWithClerk>
	</StrictMode>
);
