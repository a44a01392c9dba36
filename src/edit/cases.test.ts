/**
 * One runner for every edit helper's case folders (sv-utils style):
 *   src/edit/cases/<helper>/<case>/params.json   { path, args, expect? }
 *   src/edit/cases/<helper>/<case>/input.<ext>   (absent: the file does not exist yet)
 *   src/edit/cases/<helper>/<case>/output.<ext>  (the exact expected bytes)
 * `expect: "unchanged"` means the edit must report nothing to do; `expect: {"refused": "…"}` means
 * it must refuse with a reason containing that text. Every output is also run through the edit a
 * second time, which must come back unchanged (idempotency). Add a case by adding a folder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRefusal, unchanged, type Edit } from "./edit.ts";
import {
  addAuthConfigProvider,
  addAuthTables,
  addGitignoreEntry,
  addHttpRouterCall,
  addImports,
  addJsonArrayItem,
  addSchemaTable,
  addTableIndex,
  addTopLevelCode,
  addTopLevelDeclarations,
  addViteSsrNoExternal,
  chain,
  delegateHelper,
  ensureFile,
  insertAtHandlerStart,
  removeUnusedImport,
  retargetUserLookup,
  typeCtxParam,
  replaceJsxElement,
  setDotenvValues,
  setJsonValue,
  wrapJsxChild,
  wrapJsxElement,
} from "./index.ts";

type Factory = (args: any) => Edit;

const HELPERS: Record<string, Factory> = {
  "add-imports": addImports,
  "remove-unused-import": removeUnusedImport,
  "replace-jsx-element": replaceJsxElement,
  "wrap-jsx-element": wrapJsxElement,
  "wrap-jsx-child": wrapJsxChild,
  "add-top-level-code": addTopLevelCode,
  "add-top-level-declarations": addTopLevelDeclarations,
  "ensure-file": (args: { content: string }) => ensureFile(args.content),
  "add-auth-config-provider": addAuthConfigProvider,
  "add-auth-tables": () => addAuthTables({ from: "@convex-dev/auth/server" }),
  "add-table-index": addTableIndex,
  "add-schema-table": addSchemaTable,
  "add-http-router-call": addHttpRouterCall,
  "insert-at-handler-start": insertAtHandlerStart,
  "retarget-user-lookup": retargetUserLookup,
  "delegate-helper": delegateHelper,
  "type-ctx-param": typeCtxParam,
  "set-json-value": setJsonValue,
  "add-json-array-item": addJsonArrayItem,
  "set-dotenv-values": setDotenvValues,
  "add-gitignore-entry": addGitignoreEntry,
  "add-vite-ssr-no-external": addViteSsrNoExternal,
  // Several helpers in a row on one file, the way a recipe chains them.
  sequence: (steps: { helper: string; args: unknown }[]) =>
    chain("sequence", ...steps.map((step) => HELPERS[step.helper]!(step.args))),
};

interface Params {
  path: string;
  args: unknown;
  expect?: "unchanged" | { refused: string; line?: number };
}

const CASES_DIR = join(import.meta.dirname, "cases");

function fileStartingWith(dir: string, prefix: string): string | undefined {
  const name = readdirSync(dir).find((entry) => entry.startsWith(`${prefix}.`));
  return name && join(dir, name);
}

const helperDirs = readdirSync(CASES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());

describe("edit case folders", () => {
  it("every helper folder is known and every helper has cases, including an already-done one", () => {
    const folders = helperDirs.map((d) => d.name).sort();
    expect(folders).toEqual(Object.keys(HELPERS).sort());
    for (const folder of folders) {
      const cases = readdirSync(join(CASES_DIR, folder));
      const alreadyDone = cases.filter((c) => {
        const params = JSON.parse(readFileSync(join(CASES_DIR, folder, c, "params.json"), "utf8")) as Params;
        return params.expect === "unchanged";
      });
      expect(cases.length, folder).toBeGreaterThan(0);
      if (folder !== "sequence") expect(alreadyDone.length, `${folder} needs an already-done case`).toBeGreaterThan(0);
    }
  });
});

for (const helperDir of helperDirs) {
  describe(helperDir.name, () => {
    const factory = HELPERS[helperDir.name];
    for (const caseName of readdirSync(join(CASES_DIR, helperDir.name))) {
      const dir = join(CASES_DIR, helperDir.name, caseName);
      it(caseName, () => {
        expect(factory, `no helper registered for ${helperDir.name}`).toBeDefined();
        const params = JSON.parse(readFileSync(join(dir, "params.json"), "utf8")) as Params;
        const inputPath = fileStartingWith(dir, "input");
        const outputPath = fileStartingWith(dir, "output");
        const input = inputPath ? readFileSync(inputPath, "utf8") : undefined;
        const edit = factory!(params.args);
        const file = { path: params.path };
        const result = edit(input, file);

        if (params.expect === "unchanged") {
          expect(isRefusal(result) ? result.reason : result).toBe(unchanged);
          expect(outputPath, "an unchanged case has no output file").toBeUndefined();
          return;
        }
        if (params.expect && typeof params.expect === "object") {
          expect(isRefusal(result), `expected a refusal, got ${String(result)}`).toBe(true);
          if (isRefusal(result)) {
            expect(result.reason).toContain(params.expect.refused);
            if (params.expect.line !== undefined) expect(result.line).toBe(params.expect.line);
          }
          return;
        }
        expect(outputPath, "missing output file").toBeDefined();
        if (isRefusal(result)) throw new Error(`refused: ${result.reason}`);
        expect(result).not.toBe(unchanged);
        expect(result).toBe(readFileSync(outputPath!, "utf8"));
        // Idempotent: running the edit on its own output has nothing left to do.
        const again = edit(result as string, file);
        expect(isRefusal(again) ? again.reason : again).toBe(unchanged);
      });
    }
  });
}

it("the cases folder keeps exact bytes (no line-ending normalisation)", () => {
  expect(existsSync(join(CASES_DIR, ".gitattributes"))).toBe(true);
  expect(readFileSync(join(CASES_DIR, ".gitattributes"), "utf8")).toContain("-text");
});
