/**
 * The identity `ctx.auth.getUserIdentity()` returns for an accepted token
 * (keybroker/src/broker.rs + sync_types json.rs, internals §5): camelCase typed fields for OIDC,
 * custom claims flattened into the same object; customJwt gets only subject/issuer/tokenIdentifier
 * typed, every other claim under its raw name, nested objects flattened to dotted keys.
 */
import type { Json, JsonObject } from "./token.ts";

export type Identity = Record<string, Json>;

/** Standard OIDC claims → identity keys (localized ones take the untagged value only). */
const OIDC_TYPED: ReadonlyArray<[claim: string, key: string]> = [
  ["name", "name"],
  ["given_name", "givenName"],
  ["family_name", "familyName"],
  ["nickname", "nickname"],
  ["preferred_username", "preferredUsername"],
  ["profile", "profileUrl"],
  ["picture", "pictureUrl"],
  ["website", "websiteUrl"],
  ["email", "email"],
  ["email_verified", "emailVerified"],
  ["gender", "gender"],
  ["birthdate", "birthday"],
  ["zoneinfo", "timezone"],
  ["locale", "language"],
  ["phone_number", "phoneNumber"],
  ["phone_number_verified", "phoneNumberVerified"],
];

/** Localized standard claims: `name#ja` etc. are consumed (and dropped). */
export const LOCALIZED_CLAIMS = new Set([
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "profile",
  "picture",
  "website",
]);

/** Claims the OIDC library consumes (IdTokenClaims + standard claims) or Convex drops. */
const OIDC_NOT_CUSTOM = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "acr",
  "amr",
  "azp",
  "at_hash",
  "c_hash",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
  "jti",
  "nbf",
  "fva",
]);

/** biscuit's registered claims are not custom claims of a customJwt identity. */
const CUSTOM_JWT_NOT_CUSTOM = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

/** Identity keys a custom claim could overwrite (internals §5.3). */
export const IDENTITY_KEYS = new Set([
  "tokenIdentifier",
  "subject",
  "issuer",
  ...OIDC_TYPED.map(([, key]) => key),
  "address",
  "updatedAt",
]);

export function oidcIdentity(payload: JsonObject): Identity {
  const iss = payload.iss as string;
  const sub = payload.sub as string;
  const identity: Identity = { tokenIdentifier: `${iss}|${sub}`, subject: sub, issuer: iss };
  for (const [claim, key] of OIDC_TYPED) {
    const value = payload[claim];
    if (value !== undefined && value !== null) identity[key] = value;
  }
  const address = payload.address;
  if (address && typeof address === "object" && !Array.isArray(address) && typeof address.formatted === "string") {
    identity.address = address.formatted;
  }
  const updated = rfc3339(payload.updated_at);
  if (updated) identity.updatedAt = updated;
  for (const key of Object.keys(payload).sort()) {
    if (OIDC_NOT_CUSTOM.has(key) || isLocalizedVariant(key)) continue;
    identity[key] = payload[key]!;
  }
  return identity;
}

export function customJwtIdentity(payload: JsonObject): Identity {
  const iss = payload.iss as string;
  const sub = payload.sub as string;
  const identity: Identity = { tokenIdentifier: `${iss}|${sub}`, subject: sub, issuer: iss };
  const custom: Record<string, Json> = {};
  const flatten = (object: JsonObject, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      if (value && typeof value === "object" && !Array.isArray(value)) flatten(value, `${prefix}${key}.`);
      else custom[`${prefix}${key}`] = value;
    }
  };
  const privateClaims: JsonObject = {};
  for (const [key, value] of Object.entries(payload)) if (!CUSTOM_JWT_NOT_CUSTOM.has(key)) privateClaims[key] = value;
  flatten(privateClaims, "");
  // Convex removes the flattened key "fva" only (a nested `fva` object's dotted keys stay).
  delete custom.fva;
  for (const key of Object.keys(custom).sort()) identity[key] = custom[key]!;
  return identity;
}

function isLocalizedVariant(key: string): boolean {
  const hash = key.indexOf("#");
  return hash > 0 && LOCALIZED_CLAIMS.has(key.slice(0, hash));
}

/** chrono's `to_rfc3339` of a UTC time: `2024-01-01T00:00:00+00:00`, fraction only when non-zero. */
export function rfc3339(value: Json | undefined): string | undefined {
  let ms: number;
  if (typeof value === "number" && Number.isFinite(value)) ms = Math.round(value * 1000);
  else if (typeof value === "string" && isRfc3339(value)) ms = Date.parse(value);
  else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  const [base, fraction] = iso.slice(0, -1).split(".") as [string, string];
  const trimmed = fraction === "000" ? "" : `.${fraction}`;
  return `${base}${trimmed}+00:00`;
}

export function isRfc3339(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(value) &&
    Number.isFinite(Date.parse(value))
  );
}
