import { describe, expect, it } from "vitest";
import type { SchemaInfo, SchemaTable } from "./facts.ts";
import {
  describePrivate,
  describeSensitive,
  isSensitiveField,
  oneRoom,
  privateKind,
  privateRecords,
  publishedKind,
} from "./exposure.ts";

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
    "payoutAccountNumber",
    "businessAccountNumber",
  ])("%s holds contact details or a credential", (name) => {
    expect(isSensitiveField(name)).toBe(true);
  });

  it.each([
    "businessEmail",
    "supportPhone",
    "companyPhoneNumber",
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
  it("keeps the tables of private records, sorted", () => {
    expect(privateRecords(new Set(["posts", "payments", "messages"]), null)).toEqual(["messages", "payments"]);
    expect(privateRecords(["posts", "events"], null)).toEqual([]);
  });

  it("describes each table with its kind", () => {
    expect(describePrivate(["messages", "payments"])).toBe("`messages` (communications), `payments` (money)");
  });
});

describe("publishedKind", () => {
  it.each([
    "posts",
    "feeds",
    "videoComments",
    "musicianRatings",
    "reviews",
    "testimonials",
    "followers",
    "likes",
    "songVotes",
    "forumReplies",
    "presence",
  ])("%s rows are published by nature", (table) => {
    expect(publishedKind(table)).toBe(true);
  });

  it.each(["postDrafts", "messages", "events", "users", "commentNotifications", "voteSettings", "replyDrafts"])(
    "%s rows are not",
    (table) => {
      expect(publishedKind(table)).toBe(false);
    },
  );
});

describe("oneRoom", () => {
  const table = (name: string, references: Record<string, string>, user: string[]): SchemaTable => ({
    name,
    fields: Object.keys(references),
    validators: {},
    indexes: [],
    references,
    scope: { user, org: [] },
    line: 1,
    column: 1,
  });
  const schema: SchemaInfo = {
    file: "convex/schema.ts",
    line: 1,
    column: 1,
    spreads: [],
    tables: [
      table("messages", { userId: "users" }, ["userId"]),
      table("chatMessages", { userId: "users", threadId: "threads" }, ["userId"]),
      table("directMessages", { from: "users", to: "users" }, ["from", "to"]),
      table("notifications", { userId: "users" }, ["userId"]),
    ],
  };

  it("is a chat whose messages have an author and nothing else to belong to", () => {
    expect(oneRoom("messages", schema)).toBe(true);
    expect(privateRecords(["messages", "notifications"], schema)).toEqual(["notifications"]);
  });

  it("is not a chat in threads, between two users, notifications, or a table the schema doesn't list", () => {
    expect(oneRoom("chatMessages", schema)).toBe(false);
    expect(oneRoom("directMessages", schema)).toBe(false);
    expect(oneRoom("notifications", schema)).toBe(false);
    expect(oneRoom("messages", null)).toBe(false);
  });
});
