export default {
  providers: [
    {
      type: "customJwt",
      issuer: "https://auth.example.com",
      jwks: "https://auth.example.com/jwks",
      algorithm: "RS256",
    },
  ],
};
