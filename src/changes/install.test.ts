import { describe, expect, it } from "vitest";
import { firstErrorLine } from "./install.ts";

// Output of corepack 0.34.6 on Node 20, as it printed it here.
const UNSIGNED = `/usr/lib/node_modules/corepack/dist/lib/corepack.cjs:21999
  if (!Array.isArray(signatures) || !signatures.length) throw new Error(\`No compatible signature found in package metadata\`);
                                                              ^

Error: No compatible signature found in package metadata
    at verifySignature (/usr/lib/node_modules/corepack/dist/lib/corepack.cjs:21999:63)
    at installVersion (/usr/lib/node_modules/corepack/dist/lib/corepack.cjs:22414:7)

Node.js v20.20.2
`;
const OFFLINE = `/usr/lib/node_modules/corepack/dist/lib/corepack.cjs:22089
    throw new Error(
          ^

Error: Error when performing the request to http://127.0.0.1:9/pnpm/9.15.0; for troubleshooting help, see https://github.com/nodejs/corepack#troubleshooting
    at fetch (/usr/lib/node_modules/corepack/dist/lib/corepack.cjs:22089:11)
    ... 4 lines matching cause stack trace ...
  [cause]: TypeError: fetch failed
`;
const UNTRUSTED = `Usage Error: The package was not signed by any trusted keys: {
  "signatures": [
`;

describe("firstErrorLine", () => {
  it.each([
    [UNSIGNED, "Error: No compatible signature found in package metadata"],
    [
      OFFLINE,
      "Error: Error when performing the request to http://127.0.0.1:9/pnpm/9.15.0; for troubleshooting help, see https://github.com/nodejs/corepack#troubleshooting",
    ],
    [UNTRUSTED, "Usage Error: The package was not signed by any trusted keys"],
    [
      'This project is configured to use yarn because /app/package.json has a "packageManager" field\n',
      'This project is configured to use yarn because /app/package.json has a "packageManager" field',
    ],
  ])("the line that says what went wrong, not where corepack threw (%#)", (output, expected) => {
    expect(firstErrorLine(output)).toBe(expected);
  });

  it("nothing to say: undefined", () => {
    expect(firstErrorLine("\n  \n")).toBeUndefined();
  });
});
