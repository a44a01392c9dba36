import { describe, expect, it } from "vitest";
import { describeSensitive, isSensitiveField } from "./exposure.ts";

describe("isSensitiveField", () => {
  it.each([
    "email",
    "contactEmail",
    "billing_email",
    "phone",
    "phoneNumber",
    "mpesaPhoneNumber",
    "mobile_number",
    "address",
    "homeAddress",
    "ipAddress",
    "password",
    "passwordHash",
    "secret",
    "webhookSecret",
    "secretKey",
    "apiKey",
    "accessToken",
    "refresh_token",
    "token",
    "dateOfBirth",
    "ssn",
    "cardNumber",
  ])("%s holds contact details or a credential", (name) => {
    expect(isSensitiveField(name)).toBe(true);
  });

  it.each([
    "businessEmail",
    "supportPhone",
    "publicEmailAddress",
    "emailVerified",
    "emailVerificationTime",
    "phoneVerified",
    "name",
    "tokenIdentifier",
    "tokens",
    "tokenCount",
    "walletAddressType",
    "addressLine",
    "keyboard",
    "secretive",
    "title",
  ])("%s does not", (name) => {
    expect(isSensitiveField(name)).toBe(false);
  });
});

describe("describeSensitive", () => {
  it("names at most four fields per table, then picked fields", () => {
    expect(
      describeSensitive([
        { table: "users", fields: ["email", "phone", "address", "password", "ssn"] },
        { table: null, fields: ["contactEmail"] },
      ]),
    ).toBe("`email`, `phone`, `address`, `password` of `users` documents; `contactEmail`");
  });
});
