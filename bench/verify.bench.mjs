// Verifier benchmark: the judge with a warm JWKS cache against raw jose.jwtVerify on the same
// tokens in the same run, and a cold judge against a local issuer on 127.0.0.1 counting its fetches.
// Run with `npm run bench` (builds first); writes the `verify` section of BENCHMARKS.md.
import { Bench } from "tinybench";
import { createLocalJWKSet, jwtVerify } from "jose";
import { buildTestHelpers, machine, writeSection } from "./lib.mjs";
import { evaluateAuthConfig, judge, readAuthConfigSource } from "../dist/index.js";
import { createFetcher, warmKeys } from "../dist/oidc/index.js";

// The local issuer and the token factory are test helpers (not in dist): compiled from source here.
const helpers = await buildTestHelpers(["src/verify/testing/local-issuer.ts", "src/verify/testing/token-factory.ts"]);
const { startLocalIssuer } = await import(helpers["local-issuer"]);
const { jwks, makeKey, signToken } = await import(helpers["token-factory"]);

const NOW = Math.floor(Date.now() / 1000);
const ISS = "https://bench.example.com";
const CJ = "https://cj.bench.example.com";
const TOKENS = 256;

const rsa = await makeKey("RS256", "k1");
const keySet = jwks(rsa);
const claims = (i, iss, aud) => ({
  iss,
  sub: `user_${i}`,
  aud,
  iat: NOW - 10,
  exp: NOW + 3600,
  name: "Ada",
  email: "ada@example.com",
  email_verified: true,
  org: { id: "o1", role: "admin" },
});
const oidcTokens = await Promise.all(
  Array.from({ length: TOKENS }, (_, i) =>
    signToken(rsa, { header: { typ: "JWT" }, claims: claims(i, ISS, "convex") }),
  ),
);
const cjTokens = await Promise.all(
  Array.from({ length: TOKENS }, (_, i) => signToken(rsa, { claims: claims(i, CJ, "app") })),
);

const config = evaluateAuthConfig(
  readAuthConfigSource(
    "convex/auth.config.ts",
    `export default { providers: [
      { domain: "${ISS}", applicationID: "convex" },
      { type: "customJwt", issuer: "${CJ}", jwks: "${CJ}/jwks.json", algorithm: "RS256", applicationID: "app" },
    ] };`,
  ),
  {},
);

// Warm: an in-memory issuer whose answers carry Convex Auth's cache headers (max-age=15), so the
// per-run cache serves every request after the first.
const headers = {
  "content-type": "application/json",
  "cache-control": "public, max-age=15, stale-while-revalidate=15, stale-if-error=86400",
};
const memoryFetch = async (url) => {
  if (url === `${ISS}/.well-known/openid-configuration`)
    return new Response(JSON.stringify({ issuer: ISS, jwks_uri: `${ISS}/jwks.json` }), { headers });
  if (url.endsWith("/jwks.json")) return new Response(JSON.stringify(keySet), { headers });
  return new Response("not found", { status: 404 });
};
const fetcher = createFetcher({ fetch: memoryFetch });
for (const token of [oidcTokens[0], cjTokens[0]]) {
  const verdict = await judge(token, config, { fetcher, now: NOW });
  if (!verdict.accepted) throw new Error(`warm-up rejected: ${JSON.stringify(verdict.error)}`);
}
const warmNetwork = fetcher.networkCount;

const localJwks = createLocalJWKSet(keySet);
const counters = { a: 0, b: 0, c: 0, d: 0 };
const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add("authwire judge, OIDC (warm JWKS cache)", async () => {
    const verdict = await judge(oidcTokens[counters.a++ % TOKENS], config, { fetcher, now: NOW });
    if (!verdict.accepted) throw new Error("rejected");
  })
  .add("jose.jwtVerify, OIDC rules (local JWKS)", async () => {
    await jwtVerify(oidcTokens[counters.b++ % TOKENS], localJwks, {
      issuer: ISS,
      audience: "convex",
      algorithms: ["RS256", "EdDSA"],
      currentDate: new Date(NOW * 1000),
    });
  })
  .add("authwire judge, customJwt (warm JWKS cache)", async () => {
    const verdict = await judge(cjTokens[counters.c++ % TOKENS], config, { fetcher, now: NOW });
    if (!verdict.accepted) throw new Error("rejected");
  })
  .add("jose.jwtVerify, customJwt rules (local JWKS)", async () => {
    await jwtVerify(cjTokens[counters.d++ % TOKENS], localJwks, {
      issuer: CJ,
      audience: "app",
      algorithms: ["RS256"],
      clockTolerance: 5,
      currentDate: new Date(NOW * 1000),
    });
  });
await bench.run();
if (fetcher.networkCount !== warmNetwork)
  throw new Error(`the warm runs fetched ${fetcher.networkCount - warmNetwork} more times`);

const rows = bench.tasks.map((task) => {
  const result = task.result;
  if (!result || !("period" in result))
    throw new Error(`${task.name}: ${result?.state ?? "no result"} ${result?.error ?? ""}`);
  return {
    name: task.name,
    opsPerSec: 1000 / result.period,
    meanUs: result.period * 1000,
    p99Us: result.latency.p99 * 1000,
    samples: result.latency.samplesCount,
  };
});
const ratioOidc = rows[0].opsPerSec / rows[1].opsPerSec;
const ratioCj = rows[2].opsPerSec / rows[3].opsPerSec;

// Cold: a fresh fetcher against a real local issuer (127.0.0.1), 50 ms per response.
const issuer = await startLocalIssuer();
const delay = 50;
const paths = ["/a", "/b", "/c", "/d"];
for (const path of paths)
  issuer.oidc({ path, jwks: keySet, discovery: { delayMs: delay }, jwksRoute: { delayMs: delay } });
const coldConfig = evaluateAuthConfig(
  readAuthConfigSource(
    "convex/auth.config.ts",
    `export default { providers: [${paths.map((p) => `{ domain: "${issuer.url}${p}", applicationID: "convex" }`).join(", ")}] };`,
  ),
  {},
);
const coldToken = await signToken(rsa, { claims: claims(0, `${issuer.url}/c`, "convex") });
const coldFetcher = createFetcher();
let started = performance.now();
const coldVerdict = await judge(coldToken, coldConfig, { fetcher: coldFetcher, now: NOW });
const coldMs = performance.now() - started;
if (!coldVerdict.accepted) throw new Error(`cold judge rejected: ${JSON.stringify(coldVerdict.error)}`);
const coldRequests = [...issuer.requests];
issuer.requests.length = 0;
const warmAll = createFetcher();
started = performance.now();
const warmed = await warmKeys(coldConfig, warmAll);
const parallelMs = performance.now() - started;
if (!warmed.every((w) => w.ok)) throw new Error(`warmKeys failed: ${JSON.stringify(warmed)}`);
await issuer.close();

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const markdown = [
  "## verify: token judge",
  "",
  `${machine()}; ${TOKENS} distinct RS256 (2048-bit) tokens; tinybench, 1.5 s per task after 0.3 s warm-up, tasks run in the same process.`,
  "",
  "| task | ops/s | mean µs | p99 µs | samples |",
  "|---|---:|---:|---:|---:|",
  ...rows.map(
    (r) => `| ${r.name} | ${fmt(r.opsPerSec)} | ${r.meanUs.toFixed(1)} | ${r.p99Us.toFixed(1)} | ${r.samples} |`,
  ),
  "",
  `judge / jose throughput on the same tokens: OIDC **${ratioOidc.toFixed(2)}×**, customJwt **${ratioCj.toFixed(2)}×** (target ≥ 0.8×).`,
  "The judge runs every Convex check (routing, discovery/JWKS from the per-run cache, ID-token schema, typ/aud/alg/key rules, exp) and builds the identity;",
  "it verifies the signature synchronously with node:crypto on a key imported once by jose, while `jose.jwtVerify` verifies through WebCrypto. The warm runs made 0 network requests.",
  "",
  `Cold judge (fresh cache, local issuer on 127.0.0.1 answering each request after ${delay} ms, 4 OIDC providers, token for the 3rd): **${coldFetcher.networkCount} requests** in ${coldMs.toFixed(0)} ms — ${coldRequests.join(" → ")} (only the routed provider, discovery then JWKS).`,
  `\`warmKeys\` over all 4 providers in parallel: ${warmAll.networkCount} requests in ${parallelMs.toFixed(0)} ms (one after another it would take ≥ ${paths.length * 2 * delay} ms).`,
].join("\n");
console.log(markdown);
writeSection("verify", markdown);
if (ratioOidc < 0.8 || ratioCj < 0.8) {
  console.log("\nWARNING: below the 0.8× target.");
  process.exitCode = 1;
}
