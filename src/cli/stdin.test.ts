import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readStdin, type StdinOptions } from "./stdin.ts";

const base = { whenTerminal: { message: "a terminal", hint: "pipe it" }, whenEmpty: "empty" } as const;
const piped = (text: string, trim: StdinOptions["trim"]) =>
  readStdin({ ...base, trim, input: Readable.from([Buffer.from(text)]) });

describe("readStdin: the one stdin reader", () => {
  it("a secret keeps its spaces and loses one trailing newline", async () => {
    expect(await piped(" s3cret \n", "newline")).toBe(" s3cret ");
    expect(await piped("s3cret\r\n", "newline")).toBe("s3cret");
  });
  it("a token is trimmed", async () => {
    expect(await piped("\n  eyJ.a.b  \n\n", "all")).toBe("eyJ.a.b");
  });
  it("empty or whitespace is a usage error", async () => {
    await expect(piped(" \n", "newline")).rejects.toMatchObject({ code: "usage", message: "empty" });
    await expect(piped("", "all")).rejects.toMatchObject({ code: "usage", message: "empty" });
  });
  it("a terminal is a usage error with the hint, without reading", async () => {
    const input = Object.assign(Readable.from([]), { isTTY: true });
    await expect(readStdin({ ...base, trim: "all", input })).rejects.toMatchObject({
      code: "usage",
      message: "a terminal",
      hint: "pipe it",
    });
  });
});
