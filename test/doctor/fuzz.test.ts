/**
 * Fuzz: the auth.config reader/evaluator, the JSONC reader and the dotenv reader take 10,000
 * mutated inputs each (seeded, so a failure reproduces) without an uncaught exception. The
 * whole doctor engine also runs over mutated projects.
 */
import { describe, expect, it } from "vitest";
import { evaluateAuthConfig, readAuthConfigSource } from "../../src/config/auth-config.ts";
import { parseDotenv } from "../../src/config/dotenv.ts";
import { readJson } from "../../src/config/json.ts";
import { staticEnvSource } from "../../src/config/env-source.ts";
import { memoryFiles } from "../../src/project/files.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { CLERK_AUTH_CONFIG, WORKOS_AUTH_CONFIG, viteClerk, viteCustomJwt } from "../helpers/projects.ts";

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ":",
  ";",
  '"',
  "'",
  "`",
  "${",
  "\\",
  "\n",
  "=",
  "#",
  "//",
  "/*",
  "*/",
  "??",
  "process.env.",
  "env.",
  "export default ",
  "\u0000",
  "\uFFFF",
  "💥",
  "-----BEGIN PRIVATE KEY-----",
  "applicationID",
  "domain",
  "customJwt",
  "https://",
  "null",
  "undefined",
  "1e309",
];

function mutate(input: string, random: () => number): string {
  let text = input;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    else if (choice < 0.6) text = text.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + text.slice(at);
    else if (choice < 0.8)
      text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x2000)) + text.slice(at);
    else {
      const from = Math.floor(random() * text.length);
      text = text.slice(0, at) + text.slice(from, from + Math.floor(random() * 40)) + text.slice(at);
    }
  }
  return text;
}

const RUNS = 10_000;

describe("fuzz (seeded)", () => {
  it(`auth.config reader and evaluator: ${RUNS} mutated configs`, () => {
    const seeds = [CLERK_AUTH_CONFIG, WORKOS_AUTH_CONFIG, viteCustomJwt().files["convex/auth.config.ts"]!];
    const random = rng(1);
    let evaluated = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const source = mutate(seeds[i % seeds.length]!, random);
      let raw;
      try {
        raw = readAuthConfigSource("convex/auth.config.ts", source);
        evaluateAuthConfig(
          raw,
          { CLERK_JWT_ISSUER_DOMAIN: mutate("https://x.clerk.accounts.dev", random), WORKOS_CLIENT_ID: "client_1" },
          { CONVEX_SITE_URL: "https://a.convex.site" },
        );
        evaluated += 1;
      } catch (error) {
        throw new Error(`seed 1, run ${i}: ${(error as Error).stack}\n--- input ---\n${source}`);
      }
    }
    expect(evaluated).toBe(RUNS);
  });

  it(`JSONC reader: ${RUNS} mutated convex.json files`, () => {
    const seed =
      JSON.stringify(JSON.parse(viteClerk().files["package.json"]!), null, 2) +
      '\n// c\n{"authKit":{"dev":{"configure":{"redirectUris":["http://localhost:5173/callback"]}}}}';
    const random = rng(2);
    let errors = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const source = mutate(seed, random);
      const result = readJson(source, { jsonc: i % 2 === 0 });
      if (!result.ok) {
        errors += 1;
        expect(result.problem.line).toBeGreaterThanOrEqual(1);
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it(`dotenv reader: ${RUNS} mutated env files with odd quoting`, () => {
    const seed = `A=1\nB="two words"\nC='single # not a comment'\nD=\`back\`\nexport E=5 # comment\nJWT_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----"\nMULTI="line1\nline2"\n`;
    const random = rng(3);
    let parsed = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const values = parseDotenv(mutate(seed, random));
      expect(typeof values).toBe("object");
      parsed += 1;
    }
    expect(parsed).toBe(RUNS);
  });

  it("the doctor engine over 200 mutated projects: findings or skipped files, never a crash", async () => {
    const app = viteClerk();
    const random = rng(4);
    const paths = Object.keys(app.files);
    for (let i = 0; i < 200; i += 1) {
      const files = { ...app.files };
      for (let j = 0; j < 3; j += 1) {
        const path = paths[Math.floor(random() * paths.length)]!;
        if (path === "package.json") continue;
        files[path] = mutate(files[path]!, random);
      }
      const result = await runDoctor({
        cwd: "/virtual",
        files: memoryFiles(files),
        envSource: staticEnvSource({
          dev: { CLERK_JWT_ISSUER_DOMAIN: mutate("https://x.clerk.accounts.dev", random) },
        }),
      });
      const crashes = result.findings.filter((finding) => finding.code === "AW000");
      expect(
        crashes.map((finding) => finding.message),
        `run ${i}`,
      ).toEqual([]);
    }
  });
});
