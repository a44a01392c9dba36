export const root = (
  <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <pre>{`line one
line two`}</pre>
    </ConvexProviderWithClerk>
  </ClerkProvider>
);
