/** Auth0 values from flags: a tenant domain (bare host), the dashboard page of an application, a production origin. */
import { AuthwireError } from "../../errors.ts";

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i;

/** `your-tenant.us.auth0.com` from `your-tenant.us.auth0.com`, `https://your-tenant.us.auth0.com/` …; else a usage error. */
export function parseAuth0Domain(value: string, flag: string): string {
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
    url.port ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    throw new AuthwireError(
      "usage",
      `${flag} should be the Auth0 Domain, like your-tenant.us.auth0.com (a host, no path); got ${value}.`,
      {
        hint: "It is in the Settings tab of the Auth0 application.",
      },
    );
  }
  return url.hostname.toLowerCase();
}

/** An Auth0 Client ID: letters and digits (Auth0 issues 32 characters); else a usage error. */
export function parseClientId(value: string, flag: string): string {
  const id = value.trim();
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(id)) {
    throw new AuthwireError(
      "usage",
      `${flag} should be the Auth0 application's Client ID (letters and digits); got ${value}.`,
      {
        hint: "It is in the Settings tab of the Auth0 application, next to the Domain.",
      },
    );
  }
  return id;
}

/** The production origin for Auth0's allowed URLs: https, no path. */
export function parseProdUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || (url.pathname !== "/" && url.pathname !== "")) {
    throw new AuthwireError(
      "usage",
      `--prod-url should be the production app's origin, like https://app.example.com; got ${value}.`,
    );
  }
  return url.origin;
}

/**
 * The application's Settings page in the Auth0 dashboard when the domain is a default tenant
 * domain (`tenant.auth0.com`, `tenant.eu.auth0.com`); the applications list otherwise.
 */
export function applicationSettingsUrl(domain: string | undefined, clientId: string | undefined): string {
  const match = domain ? /^([a-z0-9-]+)\.(?:([a-z]{2})\.)?auth0\.com$/.exec(domain) : null;
  if (!match || !clientId) return "https://manage.auth0.com/#/applications";
  return `https://manage.auth0.com/dashboard/${match[2] ?? "us"}/${match[1]}/applications/${clientId}/settings`;
}
