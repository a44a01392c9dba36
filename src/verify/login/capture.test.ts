/** The wire bookkeeping, fed frames shaped as convex@1.48.0's client and the backend send them. */
import { describe, expect, it } from "vitest";
import { errorCodeOf, fingerprint, LoginCapture, syncDeployment, toAttemptJson } from "./capture.ts";

const SYNC = "wss://happy-otter-123.convex.cloud/api/1.48.0/sync";
const ts = Buffer.alloc(8).toString("base64");
const version = (identity: number, querySet = 0) => ({ querySet, identity, ts });
const send = (value: object) => JSON.stringify(value);

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("syncDeployment", () => {
  it("maps a sync WebSocket URL to its deployment, and ignores other sockets", () => {
    expect(syncDeployment(SYNC)).toBe("https://happy-otter-123.convex.cloud");
    expect(syncDeployment("ws://127.0.0.1:3210/api/1.48.0/sync")).toBe("http://127.0.0.1:3210");
    expect(syncDeployment("wss://example.com/prefix/api/1.2.3/sync")).toBe("https://example.com/prefix");
    expect(syncDeployment("ws://localhost:5173/?token=vite-hmr")).toBeNull();
    expect(syncDeployment("https://happy-otter-123.convex.cloud/api/1.48.0/sync")).toBeNull();
    expect(syncDeployment("not a url")).toBeNull();
  });
});

describe("LoginCapture over the sync WebSocket", () => {
  it("pairs Authenticate with the Transition that raises the identity version (accepted)", () => {
    const { now, advance } = clock();
    const capture = new LoginCapture({ now });
    const socket = capture.socket(SYNC)!;
    socket.sent(send({ type: "Connect", sessionId: "s", connectionCount: 0, lastCloseReason: null }));
    socket.sent(send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] }));
    socket.sent(send({ type: "Authenticate", tokenType: "User", value: "a.b.c", baseVersion: 0 }));
    // A query-set transition that keeps the identity version answers nothing.
    socket.received(
      send({ type: "Transition", startVersion: version(0, 0), endVersion: version(0, 1), modifications: [] }),
    );
    expect(capture.attempts[0]!.reply).toBeNull();
    advance(40);
    socket.received(
      send({ type: "Transition", startVersion: version(0, 1), endVersion: version(1, 1), modifications: [] }),
    );
    expect(capture.deployment).toBe("https://happy-otter-123.convex.cloud");
    expect(capture.attempts).toHaveLength(1);
    expect(capture.attempts[0]).toMatchObject({
      via: "websocket",
      endpoint: SYNC,
      token: "a.b.c",
      sentAt: 1_000,
      reply: { accepted: true, error: null, receivedAt: 1_040 },
    });
  });

  it("pairs an AuthError by baseVersion (rejected), with the code recognised from the wording", () => {
    const capture = new LoginCapture();
    const socket = capture.socket(SYNC)!;
    socket.sent(send({ type: "Authenticate", tokenType: "User", value: "t1", baseVersion: 0 }));
    socket.received(
      send({
        type: "AuthError",
        error:
          "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
        baseVersion: 0,
        authUpdateAttempted: true,
      }),
    );
    expect(capture.attempts[0]!.reply).toMatchObject({ accepted: false, error: { code: "Unauthenticated" } });
  });

  it("follows the client's retry on a new socket after an AuthError", () => {
    const capture = new LoginCapture();
    const first = capture.socket(SYNC)!;
    first.sent(send({ type: "Authenticate", tokenType: "User", value: "stale", baseVersion: 0 }));
    first.received(
      send({
        type: "AuthError",
        error: "No auth provider found matching the given token",
        baseVersion: 0,
        authUpdateAttempted: true,
      }),
    );
    const second = capture.socket(SYNC)!;
    second.sent(send({ type: "Authenticate", tokenType: "User", value: "fresh", baseVersion: 0 }));
    second.received(send({ type: "Transition", startVersion: version(0), endVersion: version(1), modifications: [] }));
    expect(capture.syncSockets).toHaveLength(2);
    expect(capture.attempts.map((attempt) => [attempt.token, attempt.reply?.accepted])).toEqual([
      ["stale", false],
      ["fresh", true],
    ]);
  });

  it("a transition answering tokenType None or Admin credits no user token; a later user token gets its own answer", () => {
    const capture = new LoginCapture();
    const socket = capture.socket(SYNC)!;
    socket.sent(send({ type: "Authenticate", tokenType: "None", baseVersion: 0 }));
    socket.sent(send({ type: "Authenticate", tokenType: "User", value: "u", baseVersion: 1 }));
    socket.received(send({ type: "Transition", startVersion: version(0), endVersion: version(1), modifications: [] }));
    expect(capture.attempts[0]!.reply).toBeNull();
    socket.received(
      send({
        type: "AuthError",
        error: "Could not decode token. JWT may be missing a 'kid' (key ID) header.",
        baseVersion: 1,
        authUpdateAttempted: true,
      }),
    );
    expect(capture.attempts[0]!.reply).toMatchObject({ accepted: false, error: { code: "InvalidAuthHeader" } });
  });

  it("an AuthError without authUpdateAttempted (session expired) is a note, not an answer", () => {
    const capture = new LoginCapture();
    const socket = capture.socket(SYNC)!;
    socket.sent(send({ type: "Authenticate", tokenType: "User", value: "u", baseVersion: 0 }));
    socket.received(
      send({ type: "AuthError", error: "Convex token identity expired", baseVersion: 0, authUpdateAttempted: false }),
    );
    expect(capture.attempts[0]!.reply).toBeNull();
    expect(capture.notes[0]).toContain("Convex token identity expired");
  });

  it("ignores non-sync sockets and junk frames", () => {
    const capture = new LoginCapture();
    expect(capture.socket("ws://localhost:5173/")).toBeNull();
    const socket = capture.socket(SYNC)!;
    socket.sent("not json");
    socket.sent(Buffer.from([1, 2, 3]));
    socket.received("[1,2]");
    expect(capture.attempts).toEqual([]);
    expect(capture.deployment).toBe("https://happy-otter-123.convex.cloud");
  });
});

describe("LoginCapture over HTTP", () => {
  it("takes Bearer requests to the function API, and their answers", () => {
    const capture = new LoginCapture();
    expect(capture.httpRequest("https://x.convex.cloud/api/query", null)).toBeNull();
    expect(capture.httpRequest("https://x.convex.cloud/api/query", "Convex admin-key")).toBeNull();
    expect(capture.httpRequest("https://x.convex.site/my-endpoint", "Bearer t")).toBeNull(); // an HTTP action: a bad token doesn't fail it
    const ok = capture.httpRequest("https://x.convex.cloud/api/mutation", "Bearer ok.tok.en")!;
    capture.httpResponse(ok, 200, "{}");
    const bad = capture.httpRequest("https://x.convex.cloud/api/run/messages/list", "Bearer bad.tok.en")!;
    capture.httpResponse(
      bad,
      401,
      JSON.stringify({ code: "NoAuthProvider", message: "No auth provider found matching the given token" }),
    );
    const udfFailed = capture.httpRequest("https://x.convex.cloud/api/action", "bearer u.d.f")!;
    capture.httpResponse(udfFailed, 560, JSON.stringify({ status: "error", errorMessage: "boom" }));
    expect(capture.deployment).toBe("https://x.convex.cloud");
    expect(capture.attempts.map((attempt) => attempt.reply)).toMatchObject([
      { accepted: true, status: 200 },
      {
        accepted: false,
        status: 401,
        error: { code: "NoAuthProvider", message: "No auth provider found matching the given token" },
      },
      { accepted: true, status: 560 },
    ]);
    expect(ok.token).toBe("ok.tok.en");
  });
});

describe("serialising", () => {
  it("never includes the raw token", () => {
    const capture = new LoginCapture();
    const socket = capture.socket(SYNC)!;
    socket.sent(send({ type: "Authenticate", tokenType: "User", value: "secret.header.signature", baseVersion: 0 }));
    const json = JSON.stringify(capture.attempts.map(toAttemptJson));
    expect(json).not.toContain("secret");
    expect(json).toContain(fingerprint("secret.header.signature"));
  });

  it("recognises the backend's error wording", () => {
    expect(
      errorCodeOf(
        "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
      ),
    ).toBe("NoAuthProvider");
    expect(errorCodeOf("Auth provider discovery of https://x failed: 404 Not Found")).toBe(
      "AuthProviderDiscoveryFailed",
    );
    expect(errorCodeOf("Could not validate token: Token expired 5 seconds ago")).toBe("InvalidAuthHeader");
    expect(errorCodeOf("TokenExpired: Convex token identity expired")).toBe("TokenExpired");
    expect(errorCodeOf("something else")).toBeNull();
  });
});
