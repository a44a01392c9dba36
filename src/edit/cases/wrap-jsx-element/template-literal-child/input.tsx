export const root = (
  <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
    <pre>{`line one
line two`}</pre>
  </ConvexProviderWithClerk>
);
