import { AuthwireError } from "../../errors.ts";
import { readJsonObjectOrThrow } from "../../config/json.ts";
import type { PackageJson } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

/** Reads package.json; malformed JSON or fields of the wrong type fail with file, line and fix. */
export async function readPackageJson(files: ProjectFiles): Promise<PackageJson | undefined> {
  const source = await files.read("package.json");
  if (source === undefined) {
    if (await files.exists("package.json")) {
      throw new AuthwireError("project_unreadable", "package.json exists but can't be read as text.", {
        file: "package.json",
        hint: "Check the file's permissions and that it is a UTF-8 text file.",
      });
    }
    return undefined;
  }
  const json = readJsonObjectOrThrow("package.json", source, { jsonc: false }) as PackageJson;
  for (const field of ["dependencies", "devDependencies", "scripts"] as const) {
    const value = json[field];
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
      throw new AuthwireError("project_unreadable", `package.json: "${field}" must be an object.`, {
        file: "package.json",
        hint: `Make "${field}" an object of name → string.`,
      });
    }
  }
  return json;
}

export function allDependencies(pkg: PackageJson): Record<string, string> {
  return { ...pkg.devDependencies, ...pkg.dependencies };
}
