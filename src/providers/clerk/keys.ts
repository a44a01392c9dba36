/**
 * Clerk's publishable key names its instance: `pk_test_` (development) or `pk_live_`
 * (production), then base64 of the instance's Frontend API host and a `$`. The host, with
 * https://, is the issuer of the instance's tokens: the `CLERK_JWT_ISSUER_DOMAIN` Convex trusts.
 */
import { AuthwireError } from "../../errors.ts";

export interface ClerkInstance {
  kind: "development" | "production";
  /** The Frontend API host, e.g. happy-otter-1.clerk.accounts.dev or clerk.example.com. */
  host: string;
  /** `https://<host>`: what Convex's auth.config domain must be. */
  issuer: string;
}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i;
/** Development instances' Frontend API hosts. */
const DEV_HOST = /\.(?:accounts|lcl)\.dev$/i;

/** Reads a publishable key; a malformed one is a usage error naming the flag. */
export function parsePublishableKey(key: string, flag: string): ClerkInstance {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key.trim());
  const decoded = match ? Buffer.from(match[2]!.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8") : "";
  const host = decoded.endsWith("$") ? decoded.slice(0, -1) : "";
  if (!match || !HOST.test(host)) {
    throw new AuthwireError(
      "usage",
      `${flag} is not a Clerk publishable key: it should look like pk_test_… or pk_live_… (base64 of the Frontend API host and a $).`,
      {
        hint: `Copy it from ${"https://dashboard.clerk.com/~/api-keys"}.`,
      },
    );
  }
  return {
    kind: match[1] === "live" ? "production" : "development",
    host: host.toLowerCase(),
    issuer: `https://${host.toLowerCase()}`,
  };
}

/** Reads a Frontend API URL given as a flag (`https://x.clerk.accounts.dev`, with or without scheme or trailing slash). */
export function parseIssuer(value: string, flag: string): ClerkInstance {
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(value.trim()) ? value.trim() : `https://${value.trim()}`);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    url.protocol !== "https:" ||
    !HOST.test(url.hostname) ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    throw new AuthwireError(
      "usage",
      `${flag} should be the Frontend API URL, like https://happy-otter-1.clerk.accounts.dev (https, no path); got ${value}.`,
      {
        hint: "It is on the Convex integration page and the API keys page of the Clerk dashboard.",
      },
    );
  }
  const host = url.hostname.toLowerCase();
  return { kind: DEV_HOST.test(host) ? "development" : "production", host, issuer: `https://${host}` };
}

/** The option values (their MCP names: the flags in camelCase). */
export interface ClerkValues {
  clerkPublishableKey?: string;
  clerkIssuer?: string;
  prodClerkPublishableKey?: string;
  prodClerkIssuer?: string;
}

export interface ResolvedClerk {
  /** The dev issuer, when known (from --clerk-issuer or the publishable key). */
  issuer?: string;
  /** The prod issuer, when --prod and known. */
  prodIssuer?: string;
}

/** One instance from a key and/or an issuer; both given and naming different instances is a usage error. */
function instance(
  key: string | undefined,
  issuer: string | undefined,
  flags: { key: string; issuer: string },
): ClerkInstance | undefined {
  const fromKey = key ? parsePublishableKey(key, flags.key) : undefined;
  const fromIssuer = issuer ? parseIssuer(issuer, flags.issuer) : undefined;
  if (fromKey && fromIssuer && fromKey.host !== fromIssuer.host) {
    throw new AuthwireError(
      "usage",
      `${flags.key} belongs to ${fromKey.host} but ${flags.issuer} is ${fromIssuer.host}: two different Clerk instances.`,
      {
        hint: `Leave out ${flags.issuer}: authwire reads the issuer from the publishable key.`,
      },
    );
  }
  return fromIssuer ?? fromKey;
}

/**
 * The issuers the recipe sets, checked: dev from `--clerk-publishable-key`/`--clerk-issuer`; prod
 * (with --prod) from the prod flags only, never from the dev values, and never a development
 * instance (pk_test_, *.clerk.accounts.dev) or the dev issuer itself.
 */
export function resolveClerk(values: ClerkValues, prod: boolean): ResolvedClerk {
  const dev = instance(values.clerkPublishableKey, values.clerkIssuer, {
    key: "--clerk-publishable-key",
    issuer: "--clerk-issuer",
  });
  if (!prod) return { issuer: dev?.issuer };
  const prodKey = values.prodClerkPublishableKey
    ? parsePublishableKey(values.prodClerkPublishableKey, "--prod-clerk-publishable-key")
    : undefined;
  if (prodKey?.kind === "development") {
    throw new AuthwireError(
      "dev_instance_on_prod",
      "--prod-clerk-publishable-key is a development key (pk_test_…); the production deployment must trust your Clerk production instance.",
      {
        hint: "Pass the pk_live_… key of the production instance (Clerk dashboard → switch to Production → API keys). Create the production instance first if there is none.",
        docsUrl: "https://clerk.com/docs/deployments/overview",
      },
    );
  }
  const prodInstance = instance(values.prodClerkPublishableKey, values.prodClerkIssuer, {
    key: "--prod-clerk-publishable-key",
    issuer: "--prod-clerk-issuer",
  });
  if (prodInstance?.kind === "development") {
    throw new AuthwireError(
      "dev_instance_on_prod",
      `--prod-clerk-issuer ${prodInstance.issuer} is a development instance's Frontend API; the production deployment must trust your Clerk production instance.`,
      {
        hint: "Pass the production instance's Frontend API URL (https://clerk.<your-domain>), or its pk_live_… key with --prod-clerk-publishable-key.",
        docsUrl: "https://clerk.com/docs/deployments/overview",
      },
    );
  }
  if (prodInstance && dev && prodInstance.host === dev.host) {
    throw new AuthwireError(
      "dev_instance_on_prod",
      `The production issuer ${prodInstance.issuer} is the development one; dev and prod need separate Clerk instances.`,
      {
        hint: "Pass the production instance's pk_live_… key with --prod-clerk-publishable-key.",
      },
    );
  }
  return { issuer: dev?.issuer, prodIssuer: prodInstance?.issuer };
}
