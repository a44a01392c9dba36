import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { formatDotenvValue, scanDotenv, setDotenvValues } from "./dotenv.ts";
import { isRefusal, unchanged } from "./edit.ts";

const PEM = [
  "-----BEGIN PRIVATE KEY-----",
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
  "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu",
  "-----END PRIVATE KEY-----",
].join("\n");

const TRICKY = [
  "",
  "plain",
  PEM,
  `${PEM}\n`,
  "two words",
  " leading and trailing ",
  "abc#def",
  "#starts-with-hash",
  "it's",
  'say "hi"',
  `it's "both"`,
  "back`tick",
  "literal \\n backslash-n",
  "a=b=c",
  '{"keys":[{"kty":"RSA","n":"0vx7"}]}',
  "$HOME and ${PATH}",
  "tab\there",
  "ünïcödé ✓",
  "line1\nline2 # not a comment",
  "ends with backslash\\",
  "'quoted in singles'",
  '"quoted in doubles"',
  "carriage\rreturn",
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("formatDotenvValue", () => {
  it.each(TRICKY)("round-trips %j through the dotenv parser exactly", (value) => {
    const formatted = formatDotenvValue(value);
    expect(formatted, "every value in this list is representable").toBeDefined();
    expect(parse(`KEY=${formatted}\n`).KEY).toBe(value);
  });

  it("writes a PEM key as a multi-line single-quoted value", () => {
    expect(formatDotenvValue(PEM)).toBe(`'${PEM}'`);
  });

  it("either round-trips or declines, for 2,000 random values over the dangerous characters", () => {
    const random = seeded(42);
    const alphabet = ["a", "Z", "0", " ", "\t", "\n", "\r", "'", '"', "`", "#", "\\", "=", "$", "n", "r"];
    let declined = 0;
    for (let i = 0; i < 2000; i += 1) {
      const length = Math.floor(random() * 12);
      let value = "";
      for (let j = 0; j < length; j += 1) value += alphabet[Math.floor(random() * alphabet.length)];
      const formatted = formatDotenvValue(value);
      if (formatted === undefined) {
        declined += 1;
        continue;
      }
      expect(parse(`KEY=${formatted}\n`).KEY, JSON.stringify(value)).toBe(value);
    }
    // Declining is for genuinely unrepresentable values (all quote kinds plus a line break, …), not the norm.
    expect(declined).toBeLessThan(400);
  });
});

describe("setDotenvValues", () => {
  const existing = [
    "# comment at the top",
    "",
    "PLAIN=value # inline comment",
    `PEM_KEY='${PEM}'`,
    'DOUBLE="a\\nb"',
    "export EXPORTED=1",
    "",
    "# trailing comment",
    "",
  ].join("\n");

  it("sets every tricky value into a file with assignments of every style, and each reads back exactly", () => {
    const set: Record<string, string> = {};
    TRICKY.forEach((value, index) => (set[`NEW_${index}`] = value));
    set.PLAIN = PEM;
    set.PEM_KEY = "now single line";
    set.DOUBLE = "x";
    set.EXPORTED = "it's";
    const result = setDotenvValues({ set })(existing, { path: ".env.local" });
    if (typeof result !== "string") throw new Error(isRefusal(result) ? result.reason : "unchanged");
    expect(parse(result)).toEqual(set);
    // Comments, blank lines and order survive.
    expect(result.startsWith("# comment at the top\n\nPLAIN='")).toBe(true);
    expect(result).toContain("\n# trailing comment\n");
    expect(result.indexOf("PEM_KEY=")).toBeLessThan(result.indexOf("EXPORTED="));
    expect(result).toContain('export EXPORTED="it\'s"');
  });

  it("random values into random existing files: reads back exactly or refuses, never corrupts", () => {
    const random = seeded(7);
    const alphabet = ["a", " ", "\n", "'", '"', "`", "#", "\\", "=", "n"];
    const word = () => {
      let value = "";
      const length = Math.floor(random() * 8);
      for (let j = 0; j < length; j += 1) value += alphabet[Math.floor(random() * alphabet.length)];
      return value;
    };
    for (let i = 0; i < 300; i += 1) {
      const before: Record<string, string> = {};
      let file = "";
      for (let k = 0; k < 4; k += 1) {
        const value = word();
        const formatted = formatDotenvValue(value);
        if (formatted === undefined) continue;
        before[`K${k}`] = value;
        file += `K${k}=${formatted}${random() < 0.3 ? " # note" : ""}\n`;
      }
      expect(parse(file), JSON.stringify(file)).toEqual(before);
      const set = { K1: word(), K9: word() };
      const result = setDotenvValues({ set })(file, { path: ".env" });
      if (isRefusal(result)) continue;
      const text = result === unchanged ? file : result;
      expect(parse(text), JSON.stringify({ file, set })).toEqual({ ...before, ...set });
    }
  });

  it("finds the assignments the way dotenv reads them, skipping look-alike lines inside a quoted value", () => {
    const source = `A='first\nB=not-a-key\n'\nB=real\n`;
    expect(parse(source)).toEqual({ A: "first\nB=not-a-key\n", B: "real" });
    expect(scanDotenv(source).map((a) => a.key)).toEqual(["A", "B"]);
  });

  it("rejects an invalid variable name as a recipe bug", () => {
    expect(() => setDotenvValues({ set: { "BAD NAME": "x" } })).toThrow(TypeError);
  });

  it("never puts a value in its description", () => {
    expect(setDotenvValues({ set: { SECRET: "sk_live_123" } }).description).not.toContain("sk_live_123");
  });
});
