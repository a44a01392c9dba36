import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inlineJwksFile, parseAlgorithm, parseUrl } from "./jwks.ts";

const dir = mkdtempSync(join(tmpdir(), "authwire-jwks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function publicJwk(type: "rsa" | "ec", extra: Record<string, unknown> = {}, bits = 2048) {
  const { publicKey, privateKey } =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: bits })
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    public: { ...publicKey.export({ format: "jwk" }), ...extra },
    private: { ...privateKey.export({ format: "jwk" }), ...extra },
  };
}
function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return name;
}

describe("inlining a JWKS file", () => {
  it("makes Convex's data: URI from an RSA JWKS and reads the algorithm from the keys", async () => {
    const key = publicJwk("rsa", { kid: "k1", use: "sig", alg: "RS256" }).public;
    const inlined = await inlineJwksFile(file("rsa.json", { keys: [key] }), dir, "--jwks-file", undefined);
    expect(inlined.algorithm).toBe("RS256");
    expect(inlined.dataUri.startsWith("data:text/plain;charset=utf-8;base64,")).toBe(true);
    const decoded = JSON.parse(Buffer.from(inlined.dataUri.split(",")[1]!, "base64").toString("utf8"));
    expect(decoded).toEqual({ keys: [key] });
  });

  it("reads ES256 from EC P-256 keys, and holds --algorithm to the keys", async () => {
    const path = file("ec.json", { keys: [publicJwk("ec", { kid: "e1" }).public] });
    expect((await inlineJwksFile(path, dir, "--jwks-file", undefined)).algorithm).toBe("ES256");
    await expect(inlineJwksFile(path, dir, "--jwks-file", "RS256")).rejects.toThrow(
      "has no key for RS256 (--algorithm); its keys are for ES256.",
    );
    const mixed = file("mixed.json", {
      keys: [publicJwk("ec", { kid: "e1" }).public, publicJwk("rsa", { kid: "r1" }).public],
    });
    await expect(inlineJwksFile(mixed, dir, "--jwks-file", undefined)).rejects.toThrow(/mixes RSA and EC keys/);
    expect((await inlineJwksFile(mixed, dir, "--jwks-file", "ES256")).algorithm).toBe("ES256");
  });

  it("refuses private key material, naming the members", async () => {
    const path = file("private.json", { keys: [publicJwk("rsa", { kid: "k1" }).private] });
    await expect(inlineJwksFile(path, dir, "--jwks-file", undefined)).rejects.toThrow(
      /^--jwks-file private\.json: key 1 \(kid k1\) holds private key material \(d, p, q, dp, dq, qi\); pass the public JWKS only/,
    );
  });

  it("refuses keys Convex can't use: no kid, another curve, an encryption key, a short RSA key", async () => {
    const cases: [unknown, RegExp][] = [
      [{ keys: [publicJwk("rsa").public] }, /has no "kid"/],
      [
        {
          keys: [
            { ...generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" }), kid: "p384" },
          ],
        },
        /is EC P-384; Convex accepts RSA keys/,
      ],
      [{ keys: [publicJwk("rsa", { kid: "enc", use: "enc" }).public] }, /is for use "enc"/],
      [
        { keys: [publicJwk("rsa", { kid: "small" }, 1024).public] },
        /is a 1024-bit RSA key; Convex verifies RS256 with 2048 to 8192-bit keys/,
      ],
      [{ keys: [] }, /needs a non-empty "keys" array/],
      ["{ not json", /is not JSON/],
    ];
    for (const [index, [content, message]] of cases.entries()) {
      await expect(inlineJwksFile(file(`bad-${index}.json`, content), dir, "--jwks-file", undefined)).rejects.toThrow(
        message,
      );
    }
    await expect(inlineJwksFile("missing.json", dir, "--jwks-file", undefined)).rejects.toThrow(
      "--jwks-file missing.json: can't be read (ENOENT).",
    );
  });

  it("refuses a JWKS too large for a Convex env value (8 KiB)", async () => {
    // One 4096-bit key under twelve kids is as large as twelve keys, and costs one key generation.
    const big = publicJwk("rsa", {}, 4096).public;
    const keys = Array.from({ length: 12 }, (_, i) => ({ ...big, kid: `k${i}` }));
    await expect(inlineJwksFile(file("large.json", { keys }), dir, "--jwks-file", undefined)).rejects.toThrow(
      /too large to inline .* serve it from a URL and pass --jwks/,
    );
  });
});

describe("flags", () => {
  it("takes RS256 / ES256 only, and https URLs (http only on localhost)", () => {
    expect(parseAlgorithm("es256")).toBe("ES256");
    expect(() => parseAlgorithm("HS256")).toThrow("--algorithm takes RS256 or ES256");
    expect(parseUrl("http://localhost:4000/jwks", "--jwks", "the JWKS URL")).toBe("http://localhost:4000/jwks");
    expect(() => parseUrl("http://auth.example.com/jwks", "--jwks", "the JWKS URL")).toThrow(
      "--jwks should be the JWKS URL (https://…, or http://localhost…)",
    );
  });
});
