createRoot(root).render(
  <ClerkProvider publishableKey={key}>
    <StrictMode>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithClerk>
    </StrictMode>
  </ClerkProvider>,
);
