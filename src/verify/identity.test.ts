import { describe, expect, it } from "vitest";
import { customJwtIdentity, oidcIdentity, rfc3339 } from "./identity.ts";

describe("the identity Convex builds", () => {
  it("OIDC: typed camelCase fields, address.formatted, updatedAt as RFC 3339, dropped and consumed claims", () => {
    const identity = oidcIdentity({
      iss: "https://tenant.us.auth0.com/",
      sub: "auth0|1",
      aud: "client",
      exp: 2,
      iat: 1,
      nbf: 1,
      jti: "j",
      fva: [1, 2],
      azp: "x",
      name: "Ada",
      "name#ja": "エイダ",
      given_name: "Ada",
      website: "https://ada.dev",
      picture: "https://p",
      email: "a@x",
      email_verified: true,
      phone_number_verified: false,
      address: { formatted: "1 Main St", country: "UK" },
      updated_at: 1704067200,
      locale: "en",
      zoneinfo: "Europe/London",
      birthdate: "1815-12-10",
      middle_name: "King",
      org: { id: "o1" },
      roles: ["admin"],
    });
    expect(identity).toEqual({
      tokenIdentifier: "https://tenant.us.auth0.com/|auth0|1",
      subject: "auth0|1",
      issuer: "https://tenant.us.auth0.com/",
      name: "Ada",
      givenName: "Ada",
      websiteUrl: "https://ada.dev",
      pictureUrl: "https://p",
      email: "a@x",
      emailVerified: true,
      phoneNumberVerified: false,
      address: "1 Main St",
      updatedAt: "2024-01-01T00:00:00+00:00",
      language: "en",
      timezone: "Europe/London",
      birthday: "1815-12-10",
      org: { id: "o1" },
      roles: ["admin"],
    });
  });

  it("customJwt: only subject/issuer/tokenIdentifier typed; nested objects flattened to dotted keys", () => {
    expect(
      customJwtIdentity({
        iss: "api.example.com",
        sub: "u",
        aud: "a",
        exp: 2,
        iat: 1,
        nbf: 1,
        jti: "j",
        fva: 3,
        email: "e",
        picture: "p",
        properties: { id: "1", deep: { x: [1] } },
      }),
    ).toEqual({
      tokenIdentifier: "api.example.com|u",
      subject: "u",
      issuer: "api.example.com",
      email: "e",
      picture: "p",
      "properties.id": "1",
      "properties.deep.x": [1],
    });
  });

  it("formats updated_at like chrono's to_rfc3339", () => {
    expect(rfc3339(1704067200.5)).toBe("2024-01-01T00:00:00.500+00:00");
    expect(rfc3339("2024-01-01T02:00:00+02:00")).toBe("2024-01-01T00:00:00+00:00");
    expect(rfc3339("yesterday")).toBeUndefined();
  });
});
