/**
 * The built-in `CONVEX_CLOUD_URL` / `CONVEX_SITE_URL` every deployment defines (auth.config reads
 * `CONVEX_SITE_URL` for Convex Auth), derived from a deployment URL or name.
 */

export interface DeploymentUrls {
  CONVEX_CLOUD_URL: string;
  CONVEX_SITE_URL: string;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Derives both URLs from any of:
 * - a cloud URL `https://happy-animal-123.convex.cloud` (also regional `….eu-west-1.convex.cloud`),
 * - a site URL `https://happy-animal-123.convex.site`,
 * - a `CONVEX_DEPLOYMENT` value `dev:happy-animal-123` (a trailing `# team: …` comment is ignored),
 *   or a bare deployment name `happy-animal-123`,
 * - a local or self-hosted backend URL `http://127.0.0.1:3210` (the site proxy listens on the next port).
 * Returns null for anything else (including `local:` deployments, whose port is not in the name).
 */
export function deploymentUrls(input: string): DeploymentUrls | null {
  const value = input.replace(/#.*$/, "").trim();
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return null;
    }
    const origin = url.origin;
    if (url.hostname.endsWith(".convex.cloud")) {
      return { CONVEX_CLOUD_URL: origin, CONVEX_SITE_URL: origin.replace(/\.convex\.cloud$/, ".convex.site") };
    }
    if (url.hostname.endsWith(".convex.site")) {
      return { CONVEX_CLOUD_URL: origin.replace(/\.convex\.site$/, ".convex.cloud"), CONVEX_SITE_URL: origin };
    }
    if (url.port) {
      const site = new URL(origin);
      site.port = String(Number(url.port) + 1);
      return { CONVEX_CLOUD_URL: origin, CONVEX_SITE_URL: site.origin };
    }
    return null;
  }
  const name = value.includes(":") ? value.slice(value.indexOf(":") + 1) : value;
  const type = value.includes(":") ? value.slice(0, value.indexOf(":")) : undefined;
  if (type === "local" || !NAME.test(name)) return null;
  return { CONVEX_CLOUD_URL: `https://${name}.convex.cloud`, CONVEX_SITE_URL: `https://${name}.convex.site` };
}
