/** Builds dist/ once before a tier whose tests spawn the CLI (`npm run build`, as a user would). */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function build(): void {
  if (process.env.AUTHWIRE_SKIP_BUILD === "1") return; // `npm test` has just built it
  const root = join(import.meta.dirname, "..", "..");
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], {
    cwd: root,
    stdio: "inherit",
  });
}
