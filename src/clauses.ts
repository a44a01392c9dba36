/**
 * Clauses joined into one sentence with "; " (issue 19): a full stop before the semicolon is
 * dropped (never "again.; next") and a clause after it starts lowercase ("…; set it", not
 * "…; Set it"), unless it starts with a proper noun or code (Convex, JWKS, `npx`, WorkOS).
 */

/** Capitalised words that stay capitalised mid-sentence: products, companies, names. */
export const PROPER_NOUNS: ReadonlySet<string> = new Set([
  "Apple",
  "Astro",
  "Auth",
  "Better",
  "Chrome",
  "Chromium",
  "Clerk",
  "Cloudflare",
  "Convex",
  "Expo",
  "Firebase",
  "Git",
  "Google",
  "I",
  "Linux",
  "Netlify",
  "Next",
  "Node",
  "Nuxt",
  "Okta",
  "Playwright",
  "React",
  "Remix",
  "Resend",
  "Safari",
  "Stripe",
  "Supabase",
  "Svelte",
  "TanStack",
  "Vercel",
  "Vite",
  "Windows",
]);

/** A clause's first word is an ordinary capitalised word ("Set", "Run"): not a proper noun, not code. */
function ordinaryCapital(clause: string): boolean {
  const word = /^([A-Z][a-z]+)\b(?![.\w(-])/.exec(clause)?.[1];
  return word !== undefined && !PROPER_NOUNS.has(word);
}

/** The clause as it reads after a semicolon: its first letter lowercase unless a proper noun or code. */
export function midSentence(clause: string): string {
  return ordinaryCapital(clause) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause;
}

/** Clauses joined with "; " (each once): no full stop before a semicolon, lowercase after one. */
export function joinClauses(texts: readonly string[]): string {
  return [...new Set(texts)]
    .map((text, index, all) => {
      const body = index < all.length - 1 ? text.replace(/\.$/, "") : text;
      return index > 0 ? midSentence(body) : body;
    })
    .join("; ");
}

/** Where a rendered line starts a clause after ";" with an ordinary capital ("…; Set it"). */
export function capitalAfterSemicolon(line: string): boolean {
  for (const match of line.matchAll(/;\s+(?=\S)/g))
    if (ordinaryCapital(line.slice(match.index + match[0].length))) return true;
  return false;
}
