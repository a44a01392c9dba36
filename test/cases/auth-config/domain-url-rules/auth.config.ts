export default {
  providers: [
    { domain: "dev-123.us.auth0.com", applicationID: "a" },
    { domain: "localhost:3211", applicationID: "b" },
    { domain: process.env.QUOTED, applicationID: "c" },
    { domain: "token123", applicationID: "d" },
    { domain: "127.0.0.1:3000", applicationID: "e" },
    { domain: "ftp://files.example.com", applicationID: "f" },
    { domain: "http://127.0.0.1:3211", applicationID: "g" },
    { domain: "idont.looklikeadomain", applicationID: "h" },
    { domain: "HTTPS://Tenant.Example.com:443/", applicationID: "i" },
  ],
};
