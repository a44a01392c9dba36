export default {
  providers: [
    { type: "customJwt", domain: "https://a.example.com", jwks: "https://a.example.com/jwks", algorithm: "RS256" },
    { issuer: "https://b.example.com", applicationID: "b" },
    { type: "saml", domain: "https://c.example.com", applicationID: "c" },
  ],
};
