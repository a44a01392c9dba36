import { describe, expect, it } from "vitest";
import type { DataReads } from "./resolver.ts";
import { describePrivate, describeSensitive, isSensitiveField, privateKind, privateRecords } from "./exposure.ts";

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

describe("privateKind", () => {
  it.each([
    ["messages", "communications"],
    ["chatMessages", "communications"],
    ["direct_messages", "communications"],
    ["inboxes", "communications"],
    ["notifications", "communications"],
    ["payments", "money"],
    ["cartItems", "money"],
    ["order_lines", "money"],
    ["subscriptions", "money"],
    ["notificationSettings", "settings"],
    ["userPreferences", "settings"],
    ["resumes", "personal documents"],
  ])("%s rows are private by kind (%s)", (table, kind) => {
    expect(privateKind(table)).toBe(kind);
  });

  it.each(["posts", "reviews", "events", "profiles", "videos", "items", "entries", "messageTemplates"])(
    "%s rows are not",
    (table) => {
      expect(privateKind(table)).toBeNull();
    },
  );
});

describe("privateRecords", () => {
  const reads = (clientKeyed: string[]): DataReads => ({
    tables: new Set(clientKeyed),
    unknownTable: false,
    writes: false,
    lookups: [],
    clientKeyed: new Set(clientKeyed),
  });

  it("keeps the private tables the client picks rows of, sorted", () => {
    expect(privateRecords(reads(["posts", "payments", "messages"]))).toEqual(["messages", "payments"]);
    expect(privateRecords(reads(["posts", "events"]))).toEqual([]);
  });

  it("describes each table with its kind", () => {
    expect(describePrivate(["messages", "payments"])).toBe("`messages` (communications), `payments` (money)");
  });
});
