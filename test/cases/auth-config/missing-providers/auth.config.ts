export default { provider: [{ domain: "https://a.example.com", applicationID: "a" }] };
