function RootComponent() {
  return (
    <html>
      <body>
        <main>
          <ClerkProvider>
            <Outlet />
          </ClerkProvider>
        </main>
        <Scripts />
      </body>
    </html>
  );
}
