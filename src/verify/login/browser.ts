/**
 * A real Chromium through playwright-core (no browser download: it drives an installed one).
 * Debian's `/usr/bin/chromium` first (docs/internals/offline.md#chromium), then the usual Chromium and
 * Chrome locations. Each run gets a fresh temporary profile unless the caller brings one
 * (`userDataDir`) or a saved signed-in session (`storageState`).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { AuthwireError, HumanStepRequired } from "../../errors.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const CANDIDATES = [
  CHROMIUM_PATH,
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

/** The flags from docs/internals/offline.md#chromium (headless is playwright's own option). */
export function chromiumArgs(): string[] {
  const args = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ];
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0) args.unshift("--no-sandbox");
  return args;
}

/** The browser binary to drive: the given path, $AUTHWIRE_BROWSER, or the first installed candidate. */
export function findBrowser(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CANDIDATES,
): string {
  const chosen = explicit ?? env.AUTHWIRE_BROWSER;
  if (chosen) {
    if (!existsSync(chosen))
      throw new AuthwireError("usage", `No browser at ${chosen}.`, {
        hint: "Pass the path of a Chromium or Chrome binary with --browser, or install chromium.",
      });
    return chosen;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new HumanStepRequired("No Chromium or Chrome is installed for authwire to open the app in.", {
    steps: [
      {
        title: "Install Chromium (Debian/Ubuntu: apt-get install -y chromium), or pass --browser PATH",
        why: `verify login drives a real browser through playwright-core, which downloads none; it looked for ${candidates.slice(0, 5).join(", ")}.`,
      },
    ],
  });
}

export interface BrowserOptions {
  headless: boolean;
  executablePath?: string;
}

/**
 * playwright-core is an optional peer: only `verify login` needs it, so it loads here and its
 * absence is a human step, not a crash at start-up.
 */
export async function loadPlaywright(
  load: () => Promise<typeof import("playwright-core")> = () => import("playwright-core"),
): Promise<typeof import("playwright-core")> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new HumanStepRequired("verify login needs playwright-core, which isn't installed.", {
      steps: [
        {
          title: "Install playwright-core next to authwire: npm install --save-dev playwright-core",
          why: "verify login drives an installed Chromium through playwright-core (an optional peer dependency, so the other commands don't carry it).",
        },
      ],
    });
  }
}

/** Launches Chromium (the caller closes it). */
export async function launchBrowser(options: BrowserOptions): Promise<Browser> {
  const { chromium } = await loadPlaywright();
  const executablePath = findBrowser(options.executablePath);
  try {
    return await chromium.launch({ executablePath, headless: options.headless, args: chromiumArgs() });
  } catch (error) {
    throw launchError(error, executablePath, options.headless);
  }
}

export interface OpenContextOptions extends BrowserOptions {
  /** A browser to open the context in (kept open afterwards); otherwise one is launched for this run. */
  browser?: Browser;
  /** A persistent profile to use (kept); default a fresh temporary one (removed). */
  userDataDir?: string;
  /** A Playwright storage-state file (cookies + localStorage) from a signed-in session. */
  storageState?: string;
}

export interface OpenedContext {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser context for one run, and how to close everything this run opened. */
export async function openContext(options: OpenContextOptions): Promise<OpenedContext> {
  if (options.storageState !== undefined && !existsSync(options.storageState)) {
    throw new AuthwireError("usage", `No storage-state file at ${options.storageState}.`, {
      hint: "Save one from a signed-in session: authwire verify login --url URL --headed --save-storage-state FILE",
    });
  }
  if (options.userDataDir !== undefined && options.storageState !== undefined) {
    throw new AuthwireError(
      "usage",
      "--user-data-dir and --storage-state can't be combined: the profile already holds its own session.",
    );
  }
  if (options.browser && options.userDataDir !== undefined)
    throw new TypeError("openContext: a userDataDir needs its own browser launch; don't pass `browser` with it.");
  if (options.browser || options.storageState !== undefined) {
    const browser = options.browser ?? (await launchBrowser(options));
    const context = await browser.newContext(
      options.storageState !== undefined ? { storageState: options.storageState } : {},
    );
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        if (!options.browser) await browser.close().catch(() => {});
      },
    };
  }
  const { chromium } = await loadPlaywright();
  const executablePath = findBrowser(options.executablePath);
  const temporary = options.userDataDir === undefined ? await mkdtemp(join(tmpdir(), "authwire-chromium-")) : null;
  const userDataDir = options.userDataDir ?? temporary!;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless,
      args: chromiumArgs(),
    });
  } catch (error) {
    if (temporary) await rm(temporary, { recursive: true, force: true });
    throw launchError(error, executablePath, options.headless);
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      if (temporary) await rm(temporary, { recursive: true, force: true }).catch(() => {});
    },
  };
}

function launchError(error: unknown, executablePath: string, headless: boolean): AuthwireError {
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const noDisplay = !headless && /display|X server/i.test(error instanceof Error ? error.message : "");
  return new AuthwireError("browser_failed", `Chromium (${executablePath}) did not start: ${message}`, {
    hint: noDisplay
      ? "--headed needs a display: run it on your desktop, or drop --headed and pass --storage-state FILE."
      : "Check that the browser runs: chromium --headless --dump-dom about:blank",
    cause: error,
  });
}
