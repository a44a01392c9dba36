export default {
  providers: [
    { domain: "https://dev-123.us.auth0.com", applicationId: "abc" },
  ],
};
