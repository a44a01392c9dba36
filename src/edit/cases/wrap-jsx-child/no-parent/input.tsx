export const App = () => <main>{"hi"}</main>;
