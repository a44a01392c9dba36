import React, { useState } from "react";

export const App = () => <React.Fragment />;
