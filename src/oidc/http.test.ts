import { describe, expect, it } from "vitest";
import { createFetcher, freshnessMs, isTransportFailure, type FetchLike } from "./http.ts";

function fakeFetch(responses: Record<string, () => Response>): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (url) => {
      calls.push(url);
      const make = responses[url];
      return make ? make() : new Response("missing", { status: 404 });
    },
  };
}

describe("createFetcher", () => {
  it("honours Cache-Control max-age within a run and refetches once stale", async () => {
    let now = 0;
    const { fetch, calls } = fakeFetch({
      "https://a.example/x": () => new Response("{}", { headers: { "cache-control": "public, max-age=15" } }),
    });
    const fetcher = createFetcher({ fetch, now: () => now });
    await fetcher.get("https://a.example/x");
    await fetcher.get("https://a.example/x");
    expect(calls).toHaveLength(1);
    now = 16_000;
    const third = await fetcher.get("https://a.example/x");
    expect(calls).toHaveLength(2);
    expect(third.ok && third.cached).toBe(false);
    expect(fetcher.log.map((entry) => entry.cached)).toEqual([false, true, false]);
  });

  it("does not cache no-store / no-cache answers or errors", async () => {
    const { fetch, calls } = fakeFetch({
      "https://a.example/n": () => new Response("{}", { headers: { "cache-control": "no-cache, max-age=60" } }),
      "https://a.example/e": () => new Response("{}", { status: 500, headers: { "cache-control": "max-age=60" } }),
    });
    const fetcher = createFetcher({ fetch });
    for (let i = 0; i < 2; i += 1) {
      await fetcher.get("https://a.example/n");
      await fetcher.get("https://a.example/e");
    }
    expect(calls).toHaveLength(4);
  });

  it("shares one request between concurrent callers (providers fetched in parallel)", async () => {
    const { fetch, calls } = fakeFetch({ "https://a.example/j": () => new Response("{}") });
    const fetcher = createFetcher({ fetch });
    const results = await Promise.all([
      fetcher.get("https://a.example/j"),
      fetcher.get("https://a.example/j"),
      fetcher.get("https://a.example/j"),
    ]);
    expect(calls).toHaveLength(1);
    expect(results.every((result) => result.ok && result.status === 200)).toBe(true);
    expect(fetcher.networkCount).toBe(1);
    expect(fetcher.requestCount).toBe(3);
  });

  it("refuses non-http(s) URLs, also as a redirect target", async () => {
    const { fetch, calls } = fakeFetch({
      "https://a.example/r": () => new Response(null, { status: 302, headers: { location: "file:///etc/passwd" } }),
    });
    const fetcher = createFetcher({ fetch });
    expect(await fetcher.get("ftp://a.example/x")).toMatchObject({
      ok: false,
      error: expect.stringContaining("scheme"),
    });
    expect(await fetcher.get("https://a.example/r")).toMatchObject({
      ok: false,
      error: expect.stringContaining("file"),
    });
    expect(calls).toEqual(["https://a.example/r"]);
  });

  it("caps the body size, by Content-Length and while streaming", async () => {
    const big = "x".repeat(2048);
    const { fetch } = fakeFetch({
      "https://a.example/declared": () => new Response(big, { headers: { "content-length": "2048" } }),
      "https://a.example/streamed": () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(big));
              c.close();
            },
          }),
        ),
    });
    const fetcher = createFetcher({ fetch, maxBytes: 1024 });
    expect(await fetcher.get("https://a.example/declared")).toMatchObject({ ok: false });
    expect(await fetcher.get("https://a.example/streamed")).toMatchObject({
      ok: false,
      error: expect.stringContaining("larger than 1024"),
    });
  });

  it("reads freshness from max-age minus Age, or Expires", () => {
    expect(freshnessMs(new Headers({ "cache-control": "max-age=15", age: "5" }))).toBe(10_000);
    expect(
      freshnessMs(new Headers({ date: "Thu, 01 Jan 2026 00:00:00 GMT", expires: "Thu, 01 Jan 2026 00:01:00 GMT" })),
    ).toBe(60_000);
    expect(freshnessMs(new Headers({}))).toBe(0);
  });

  it("tells failures that may be this machine's network (DNS, refused, timeout) from the URL's own", async () => {
    const fetcher = createFetcher({ timeoutMs: 200 });
    const refused = await fetcher.get("http://127.0.0.1:9/x");
    expect(refused).toMatchObject({ ok: false, failure: "network" });
    const dns = await fetcher.get("https://issuer.example.invalid/x");
    expect(dns).toMatchObject({ ok: false, failure: "network" });
    expect(await fetcher.get("ftp://issuer.example.com/x")).toMatchObject({ ok: false, failure: "scheme" });
    expect(await fetcher.get("issuer.example.com/x")).toMatchObject({ ok: false, failure: "invalid-url" });
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    expect(await createFetcher({ fetch: hang, timeoutMs: 50 }).get("https://a.example/x")).toMatchObject({
      ok: false,
      failure: "timeout",
    });
    expect([refused, dns].every((result) => !result.ok && isTransportFailure(result.failure))).toBe(true);
  });

  it("follows 301/302/303/307/308 only, as reqwest does; a 300 with a Location is the answer", async () => {
    const { fetch, calls } = fakeFetch({
      "https://a.example/300": () => new Response("", { status: 300, headers: { location: "/x" } }),
      "https://a.example/307": () => new Response("", { status: 307, headers: { location: "/x" } }),
      "https://a.example/x": () => new Response("{}"),
    });
    const fetcher = createFetcher({ fetch });
    expect(await fetcher.get("https://a.example/300")).toMatchObject({ ok: true, status: 300 });
    expect(await fetcher.get("https://a.example/307")).toMatchObject({ ok: true, status: 200 });
    expect(calls).toEqual(["https://a.example/300", "https://a.example/307", "https://a.example/x"]);
  });
});
