export default {
  providers: [
    { type: "customJwt", issuer: "https://auth.example.com", jwks: "https://auth.example.com/jwks", algorithm: "HS256", applicationID: "app" },
  ],
};
