export const a = <App />;
