createRoot(root).render(<ConvexProviderWithClerk client={convex} useAuth={useAuth}><App /></ConvexProviderWithClerk>);
