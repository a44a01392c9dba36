const getAuthConfigProvider = () => ({ domain: "https://example.com", applicationID: "x" });

export default { providers: [getAuthConfigProvider()] };
