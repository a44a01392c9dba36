/**
 * Browser tests need Debian's Chromium at /usr/bin/chromium (.ci/run installs it). Without it they
 * fail with this message instead of skipping silently.
 */
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "../../src/verify/login/browser.ts";

export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the browser tests drive Debian's Chromium. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this before npm test).`,
    );
  }
  return CHROMIUM_PATH;
}
