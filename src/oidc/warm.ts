/**
 * Fetching every provider's key material at once, in parallel (shared URLs fetched once), so a
 * batch of tokens or a repeated run judges against a warm cache. `judge` itself fetches only what
 * the routed provider needs, as the backend does; this is the up-front variant.
 */
import type { EvaluatedAuthConfig } from "../config/auth-config.ts";
import { discover } from "./discovery.ts";
import type { Fetcher } from "./http.ts";
import { loadCustomJwtKeySet } from "./jwks.ts";

export interface WarmResult {
  index: number;
  ok: boolean;
  /** Why the provider's keys could not be had. */
  detail?: string;
}

export async function warmKeys(config: EvaluatedAuthConfig, fetcher: Fetcher): Promise<WarmResult[]> {
  return Promise.all(
    config.providers.map(async (provider): Promise<WarmResult> => {
      if (provider.kind === "oidc") {
        if (!provider.issuer) return { index: provider.index, ok: false, detail: "issuer not known" };
        const result = await discover(provider.issuer, fetcher);
        return result.ok
          ? { index: provider.index, ok: true }
          : { index: provider.index, ok: false, detail: result.detail };
      }
      if (!provider.jwks) return { index: provider.index, ok: false, detail: "jwks not known" };
      const result = await loadCustomJwtKeySet(provider.jwks, fetcher);
      return result.ok === true
        ? { index: provider.index, ok: true }
        : { index: provider.index, ok: false, detail: result.ok === false ? result.detail : result.reason };
    }),
  );
}
