/**
 * `verifyLogin`: the library function behind `authwire verify login`. It opens the app in a real
 * Chromium, watches the page's Convex traffic (sync WebSocket and Bearer HTTP requests), takes the
 * token the Convex client sends and the deployment's answer, then judges the same token with
 * `verifyToken` and sets the two side by side. A disagreement is flagged with its likelier cause.
 * The raw token never leaves memory: the result holds its decoded header and claims only.
 */
import { access, chmod } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { AuthwireError, type HumanStep } from "../../errors.ts";
import type { JsonObject } from "../token.ts";
import { decodeToken } from "../token.ts";
import type { Verdict } from "../verdict.ts";
import { verifyToken, type VerifyTokenOptions, type VerifyTokenResult } from "../verify-token.ts";
import { openContext } from "./browser.ts";
import { LoginCapture, toAttemptJson, type AttemptJson, type AuthAttempt, type ConvexReply } from "./capture.ts";
import { compareReply, type Disagreement } from "./compare.ts";

export interface VerifyLoginOptions extends Omit<VerifyTokenOptions, "token" | "now" | "files"> {
  /** The app's URL (http or https), e.g. http://localhost:5173. */
  url: string;
  /** Show the window so a human can sign in (default headless). */
  headed?: boolean;
  /** How long to wait for a token and Convex's answer, in seconds. Default 30 (300 with `headed`). */
  timeoutSeconds?: number;
  /** A Playwright storage-state file (cookies + localStorage) saved from a signed-in session. */
  storageState?: string;
  /** A Chromium profile directory to use and keep; default a fresh temporary one. */
  userDataDir?: string;
  /** Save the session (storage state) to this file after the run, for later headless runs. */
  saveStorageState?: string;
  /** The browser binary; default $AUTHWIRE_BROWSER, /usr/bin/chromium, then Chrome's usual places. */
  executablePath?: string;
  /** An already launched browser to open this run's context in (tests, batches); left open. */
  browser?: Browser;
  /** After a rejection, how long to wait for the client's retry with a fresh token (ms). Default 3000. */
  retryGraceMs?: number;
}

export interface CapturedToken {
  via: "websocket" | "http";
  endpoint: string;
  fingerprint: string;
  sentAt: string;
  header: JsonObject | null;
  claims: JsonObject | null;
  bytes: number;
}

/** `verify login --json` (version 1). */
export interface VerifyLoginJson {
  version: 1;
  url: string;
  /** The Convex deployment the page talked to (from its sync WebSocket or Bearer requests). */
  deployment: string | null;
  /** Convex's answer when there is one; else "rejected" if authwire rejects the token, else "undetermined". */
  outcome: "accepted" | "rejected" | "undetermined";
  /** The token judged (decoded; never raw): the first one Convex accepted, else the last one it answered, else the last sent. */
  captured: CapturedToken | null;
  convexReply: {
    accepted: boolean;
    error: { code: string | null; message: string } | null;
    via: "websocket" | "http";
    status?: number;
  } | null;
  verdict: Verdict | null;
  /** Convex's answer and authwire's verdict differ; null when they agree or can't be compared. */
  disagreement: Disagreement | null;
  /** Every token the page sent, in order, with Convex's answer. */
  attempts: AttemptJson[];
  humanSteps: HumanStep[];
  notes: string[];
}

export interface VerifyLoginResult {
  json: VerifyLoginJson;
  /** The full `verifyToken` result for the captured token (config, env label), for rendering. */
  token: VerifyTokenResult | null;
}

export async function verifyLogin(options: VerifyLoginOptions): Promise<VerifyLoginResult> {
  const url = checkUrl(options.url);
  const timeoutSeconds = options.timeoutSeconds ?? (options.headed ? 300 : 30);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new AuthwireError(
      "usage",
      `--timeout must be a positive number of seconds, not ${String(options.timeoutSeconds)}.`,
    );
  // Fail on unreadable inputs before spending a browser run on them.
  for (const file of [options.prod ? options.prodEnvFile : options.devEnvFile]) {
    if (file)
      await mustExist(
        options.cwd,
        file,
        "env file",
        "Create it with: npx convex env list --include-values > .env.convex",
      );
  }

  const capture = new LoginCapture();
  const notes: string[] = [];
  const pageErrors: string[] = [];
  const opened = await openContext({
    headless: !options.headed,
    executablePath: options.executablePath,
    browser: options.browser,
    userDataDir: options.userDataDir === undefined ? undefined : inCwd(options.cwd, options.userDataDir),
    storageState: options.storageState === undefined ? undefined : inCwd(options.cwd, options.storageState),
  });
  const humanSteps: HumanStep[] = [];
  let loaded = true;
  try {
    const { context } = opened;
    let closed = false;
    context.on("close", () => {
      closed = true;
      capture.onChange();
    });
    const watch = (page: Page) => {
      page.on("websocket", (socket) => {
        const observer = capture.socket(socket.url());
        if (!observer) return;
        socket.on("framesent", (frame) => observer.sent(frame.payload));
        socket.on("framereceived", (frame) => observer.received(frame.payload));
      });
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") pageErrors.push(message.text());
      });
    };
    for (const page of context.pages()) watch(page);
    context.on("page", watch);
    const responses: Promise<void>[] = [];
    context.on("request", (request) => {
      responses.push(
        (async () => {
          const attempt = capture.httpRequest(request.url(), await request.headerValue("authorization"));
          if (!attempt) return;
          const response = await request.response();
          if (response) capture.httpResponse(attempt, response.status(), await response.text().catch(() => ""));
        })().catch(() => {}),
      );
    });

    const started = Date.now();
    const deadline = started + timeoutSeconds * 1000;
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await page.goto(url, { waitUntil: "domcontentloaded", timeout: timeoutSeconds * 1000 });
    } catch (error) {
      loaded = false;
      const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
      humanSteps.push({
        title: `Start the app so ${url} answers (its dev server, e.g. npm run dev)`,
        url,
        why: `Chromium could not open ${url}: ${reason}`,
      });
    }
    if (loaded) await waitForAnswer(capture, deadline, options.retryGraceMs ?? 3000, () => closed);
    if (options.saveStorageState && !closed) {
      const path = inCwd(options.cwd, options.saveStorageState);
      await context.storageState({ path });
      await chmod(path, 0o600);
      notes.push(
        `Saved the browser session to ${options.saveStorageState} (session cookies and localStorage: keep it out of git). Reuse it with --storage-state ${options.saveStorageState}.`,
      );
    }
    await Promise.race([Promise.all(responses), new Promise((resolve) => setTimeout(resolve, 1000))]);
  } finally {
    await opened.close();
  }

  const selected = selectAttempt(capture.attempts);
  const deployment = capture.deployment;
  notes.push(...capture.notes);
  if (loaded && !selected) humanSteps.push(...notSignedIn(url, deployment, timeoutSeconds, options, pageErrors));
  if (selected && !selected.reply)
    notes.push(`Convex didn't answer the token within ${timeoutSeconds} s (${selected.endpoint}).`);
  const earlier = selected
    ? capture.attempts
        .slice(0, capture.attempts.indexOf(selected))
        .filter((attempt) => attempt.reply && !attempt.reply.accepted)
    : [];
  if (selected?.reply?.accepted && earlier.length > 0)
    notes.push(
      `Convex rejected ${earlier.length} earlier token(s) (${earlier.map((a) => a.reply!.error?.message ?? "?").join("; ")}), then accepted a fresh one: the client refreshed its token.`,
    );

  let token: VerifyTokenResult | null = null;
  if (selected) {
    token = await verifyToken({ ...options, token: selected.token, now: Math.floor(selected.sentAt / 1000) });
    notes.push(...token.notes);
  }
  const verdict = token?.verdict ?? null;
  const reply = selected?.reply ?? null;
  const disagreement = reply && verdict ? compareReply(reply, verdict) : null;
  const outcome: VerifyLoginJson["outcome"] = reply
    ? reply.accepted
      ? "accepted"
      : "rejected"
    : verdict?.outcome === "rejected"
      ? "rejected"
      : "undetermined";

  return {
    json: {
      version: 1,
      url,
      deployment,
      outcome,
      captured: selected ? capturedJson(selected) : null,
      convexReply: reply ? replyJson(reply) : null,
      verdict,
      disagreement,
      attempts: capture.attempts.map(toAttemptJson),
      humanSteps,
      notes,
    },
    token,
  };
}

/** The first accepted attempt, else the last answered, else the last sent. */
function selectAttempt(attempts: AuthAttempt[]): AuthAttempt | null {
  return (
    attempts.find((attempt) => attempt.reply?.accepted) ??
    attempts.filter((attempt) => attempt.reply).at(-1) ??
    attempts.at(-1) ??
    null
  );
}

/**
 * Waits until Convex accepted a token, or rejected the latest one and the client sent no fresh
 * token within the grace period (it retries after an AuthError), or the deadline passes.
 */
async function waitForAnswer(
  capture: LoginCapture,
  deadline: number,
  graceMs: number,
  closed: () => boolean,
): Promise<void> {
  try {
    for (;;) {
      const now = Date.now();
      if (closed() || now >= deadline) return;
      if (capture.attempts.some((attempt) => attempt.reply?.accepted)) return;
      const last = capture.attempts.at(-1);
      let wake = deadline - now;
      if (last?.reply) {
        const quiet = now - last.reply.receivedAt;
        if (quiet >= graceMs) return;
        wake = Math.min(wake, graceMs - quiet);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wake);
        capture.onChange = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    capture.onChange = () => {};
  }
}

function notSignedIn(
  url: string,
  deployment: string | null,
  seconds: number,
  options: VerifyLoginOptions,
  pageErrors: string[],
): HumanStep[] {
  if (deployment === null) {
    const errors =
      pageErrors.length > 0
        ? ` The page logged: ${pageErrors
            .slice(0, 3)
            .map((text) => JSON.stringify(text.slice(0, 200)))
            .join("; ")}.`
        : "";
    return [
      {
        title: `Open a page of the app that connects to Convex (ConvexProvider / ConvexClient mounted)`,
        url,
        why: `${url} loaded, but within ${seconds} s it opened no Convex sync WebSocket (ws(s)://<deployment>/api/<version>/sync) and sent no Bearer request to a Convex function: the Convex client isn't created on this page, or the app failed to start.${errors}`,
      },
    ];
  }
  if (options.headed) {
    return [
      {
        title: `Sign in at ${url} in the opened window`,
        url,
        why: `The app connected to Convex (${deployment}) but sent no auth token within ${seconds} s: nobody signed in in the window. Run again and sign in within --timeout (or raise it).`,
      },
    ];
  }
  const session = options.storageState
    ? ` The session in --storage-state ${options.storageState} is signed out or expired.`
    : options.userDataDir
      ? ` The profile in --user-data-dir ${options.userDataDir} is signed out.`
      : " A fresh browser profile has no session.";
  return [
    {
      title: `Sign in: run \`authwire verify login --url ${url} --headed\` and sign in at ${url} in the opened window`,
      url,
      why: `The app connected to Convex (${deployment}) but sent no auth token within ${seconds} s: the user isn't signed in.${session}`,
    },
    {
      title: "Or pass --storage-state FILE saved from a signed-in session",
      why: `Save one once with \`authwire verify login --url ${url} --headed --save-storage-state auth-state.json\` (it holds session cookies: keep it out of git), then run headless with --storage-state auth-state.json.`,
    },
  ];
}

function capturedJson(attempt: AuthAttempt): CapturedToken {
  const decoded = decodeToken(attempt.token);
  return {
    via: attempt.via,
    endpoint: attempt.endpoint,
    fingerprint: attempt.fingerprint,
    sentAt: new Date(attempt.sentAt).toISOString(),
    header: decoded.header,
    claims: decoded.payload,
    bytes: decoded.bytes,
  };
}

function replyJson(reply: ConvexReply): VerifyLoginJson["convexReply"] {
  return {
    accepted: reply.accepted,
    error: reply.error,
    via: reply.via,
    ...(reply.status !== undefined && { status: reply.status }),
  };
}

function checkUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new AuthwireError(
      "usage",
      `--url must be an absolute http(s) URL, not ${JSON.stringify(String(value).slice(0, 80))}.`,
      { hint: "For example: authwire verify login --url http://localhost:5173" },
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new AuthwireError("usage", `--url must be http or https, not ${parsed.protocol}`, {
      hint: "For example: authwire verify login --url http://localhost:5173",
    });
  }
  return parsed.href;
}

/** Paths in options are relative to the project (`--cwd`), as `verify token`'s env files are. */
function inCwd(cwd: string, file: string): string {
  return isAbsolute(file) ? file : join(cwd, file);
}

async function mustExist(cwd: string, file: string, what: string, hint: string): Promise<void> {
  try {
    await access(inCwd(cwd, file));
  } catch {
    throw new AuthwireError("usage", `Can't read the ${what} ${file}.`, { hint });
  }
}
