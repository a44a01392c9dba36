export default {
  providers: [
    { type: "customJwt", issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks", algorithm: "RS256", audience: "app" },
  ],
};
