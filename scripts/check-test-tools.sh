#!/usr/bin/env bash
# Run before `npm test`: says which system tools the tests need and are missing; installs nothing.
# The browser tests and the terminal tests then fail with the same message (they don't skip: CI
# installs the tools with `npm run test:setup`, so there they must run).
# corepack ships with Node 20 (not an apt package): the pnpm tests run the real one and fail without it.
command -v corepack >/dev/null ||
  echo "Missing for the tests: corepack (the pnpm-through-corepack tests; it ships with Node 20, else: npm install -g corepack)." >&2
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v script >/dev/null || missing+=(bsdutils)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Missing for the tests: ${missing[*]} (browser tests: chromium; terminal tests: util-linux script)." >&2
echo "Install them with: npm run test:setup   (runs apt-get; root or sudo)" >&2
exit 0
