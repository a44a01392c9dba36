export default {
  providers: [
    { domain: "https://a.example.com", applicationID: "a" }
  ,
