import React from "react";

export const App = () => <React.Fragment />;
