import { describe, expect, it } from "vitest";
import { detectProject } from "../../project/detect.ts";
import { memoryFiles } from "../../project/files.ts";
import { authConfigPath } from "./convex.ts";

const pkg = JSON.stringify({ dependencies: { convex: "1.48.0", react: "19", vite: "8" } });

describe("authConfigPath", () => {
  it("keeps an existing auth.config.js, else creates auth.config.ts in the functions folder", async () => {
    const js = await detectProject("/p", {
      files: memoryFiles({
        "package.json": pkg,
        "tsconfig.json": "{}",
        "convex/auth.config.js": "export default {};\n",
      }),
      env: {},
    });
    expect(authConfigPath(js)).toBe("convex/auth.config.js");
    const none = await detectProject("/p", {
      files: memoryFiles({
        "package.json": pkg,
        "tsconfig.json": "{}",
        "convex.json": '{ "functions": "backend/convex" }',
        "backend/convex/schema.ts": "",
      }),
      env: {},
    });
    expect(authConfigPath(none)).toBe("backend/convex/auth.config.ts");
  });
});
