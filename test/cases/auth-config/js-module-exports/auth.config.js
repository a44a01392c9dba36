module.exports = {
  providers: [{ domain: "https://auth.example.org", applicationID: "app", type: "oidc" }],
};
