import { issuerFor } from "./lib/issuers";

function pick() {
  return process.env.NEVER_CALLED;
}

export default {
  providers: [
    { domain: issuerFor("clerk"), applicationID: "convex" },
    { domain: process.env.A === "1" ? "https://a.example.com" : "https://b.example.com", applicationID: "x" },
    { domain: "https://c.example.com", applicationID: "c" },
  ],
};
