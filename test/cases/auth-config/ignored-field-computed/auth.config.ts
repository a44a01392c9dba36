export default {
  providers: [
    {
      domain: "https://clerk.example.com",
      applicationID: "convex",
      jwt: { expiresIn: 1000 * 60 * 60 * 24 },
    },
  ],
};
