/**
 * For the --online rules' tests: one local issuer on 127.0.0.1 (src/verify/testing/local-issuer.ts)
 * serving a set of identity providers under their own paths, good and broken, with real keys.
 * Started at import (top-level await) so rule cases can name its URLs; closed after the file's tests.
 */
import { afterAll } from "vitest";
import { startLocalIssuer } from "../../src/verify/testing/local-issuer.ts";
import { jwks, makeKey } from "../../src/verify/testing/token-factory.ts";

export const issuer = await startLocalIssuer();
afterAll(() => issuer.close());

export const rsa = await makeKey("RS256", "rsa-1");
export const ec = await makeKey("ES256", "ec-1");
export const small = await makeKey("RS256", "rsa-small", { bits: 1024 });
export const noKid = await makeKey("RS256", "rsa-nokid", { publish: { kid: false } });

/** `${issuer.url}/<name>`: an OIDC issuer with a good RS256 key. */
export const good = issuer.oidc({ path: "/good", jwks: jwks(rsa) }).issuer;
/** Its discovery document names another issuer. */
export const otherIssuer = `${issuer.url}/other`;
issuer.oidc({ path: "/other", issuer: "https://login.example.com", jwks: jwks(rsa) });
/** The document's issuer has a trailing slash the configured domain lacks (Convex trims both). */
export const slash = issuer
  .oidc({ path: "/slash", issuer: `${issuer.url}/slash/`, jwks: jwks(rsa) })
  .issuer.replace(/\/$/, "");
/** The JWKS answers 500. */
export const brokenJwks = issuer.oidc({
  path: "/broken-jwks",
  jwks: jwks(rsa),
  jwksRoute: { status: 500, body: "oops" },
}).issuer;
/** Only an ES256 key: Convex's OIDC path can't verify its tokens. */
export const ecOnly = issuer.oidc({ path: "/ec-only", jwks: jwks(ec) }).issuer;
/** A 1024-bit RSA key. */
export const weak = issuer.oidc({ path: "/weak", jwks: jwks(small) }).issuer;
/** An unparsable key beside a good one: Convex skips it, like the backend's openidconnect. */
export const mixed = issuer.oidc({ path: "/mixed", jwks: { keys: [{ kty: "RSA", n: 42 }, rsa.jwk] } }).issuer;
/** Discovery answers 404. */
export const missing = `${issuer.url}/missing`;
/** Serves a JWKS at a URL that doesn't look like one. */
export const keysUrl = `${issuer.url}/keys`;
issuer.route("/keys", { body: jwks(rsa) });
/** Discovery served as HTML (a login page). */
export const html = `${issuer.url}/html`;
issuer.route("/html/.well-known/openid-configuration", { contentType: "text/html", body: "<html></html>" });

/** customJwt key sets. */
export const customGood = `${issuer.url}/custom/good.json`;
issuer.route("/custom/good.json", { body: jwks(rsa) });
export const customNoType = `${issuer.url}/custom/no-type.json`;
issuer.route("/custom/no-type.json", { contentType: null, body: jwks(rsa) });
export const customNoKid = `${issuer.url}/custom/no-kid.json`;
issuer.route("/custom/no-kid.json", { body: jwks(noKid) });
export const customEc = `${issuer.url}/custom/ec.json`;
issuer.route("/custom/ec.json", { body: jwks(ec) });

/** A port nothing listens on. */
export const closed = "http://127.0.0.1:9";

export const dataUri = (body: unknown) =>
  `data:application/json;base64,${Buffer.from(JSON.stringify(body)).toString("base64")}`;
export { jwks };
