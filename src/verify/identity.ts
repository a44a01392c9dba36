/**
 * The identity `ctx.auth.getUserIdentity()` returns for an accepted token
 * (keybroker/src/broker.rs + sync_types json.rs, docs/internals/convex-auth.md#identity): camelCase typed fields for OIDC,
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
  // A standard claim to the OIDC library (never a custom one); the identity's birthday comes
  // from birthdate only.
  "birthday",
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

/** Identity keys a custom claim could overwrite (docs/internals/convex-auth.md#identity). */
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

/**
 * chrono's `to_rfc3339` of a UTC time: `2024-01-01T00:00:00+00:00`, the fraction printed only
 * when non-zero, in 3, 6 or 9 digits (nanosecond precision, as chrono keeps it).
 */
export function rfc3339(value: Json | undefined): string | undefined {
  let seconds: number;
  let nanos: number;
  if (typeof value === "number" && Number.isFinite(value)) {
    seconds = Math.floor(value);
    nanos = Math.floor((value - seconds) * 1e9);
  } else if (typeof value === "string" && isRfc3339(value)) {
    const match = RFC3339.exec(value)!;
    const [, date, time, fraction = "", zone] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    const offset = /^[Zz]$/.test(zone)
      ? 0
      : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    seconds = Date.parse(`${date}T${time}Z`) / 1000 - offset * 60;
    nanos = Number(fraction.slice(0, 9).padEnd(9, "0"));
  } else return undefined;
  if (!Number.isFinite(seconds)) return undefined;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  const digits = String(nanos).padStart(9, "0");
  const fractionText =
    nanos === 0
      ? ""
      : nanos % 1e6 === 0
        ? `.${digits.slice(0, 3)}`
        : nanos % 1e3 === 0
          ? `.${digits.slice(0, 6)}`
          : `.${digits}`;
  return `${base}${fractionText}+00:00`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRfc3339(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(value) &&
    Number.isFinite(Date.parse(value))
  );
}
