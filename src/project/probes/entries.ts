import type { EntryFiles, FrameworkName } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

const SCRIPT_EXTENSIONS = ["tsx", "jsx", "ts", "js"];

async function firstFile(files: ProjectFiles, stems: string[]): Promise<string | null> {
  for (const stem of stems) {
    for (const extension of SCRIPT_EXTENSIONS) {
      const path = `${stem}.${extension}`;
      if ((await files.read(path)) !== undefined) return path;
    }
  }
  return null;
}

const CONVEX_PROVIDER_JSX = /<(?:ConvexProvider|ConvexProviderWith\w+|ConvexAuthProvider|ConvexAuthNextjsProvider)\b/;

/** The files that hold the app's client wiring, per framework (docs/internals/provider-setup.md#entry-points). */
export async function detectEntries(
  files: ProjectFiles,
  framework: FrameworkName,
  routesDir: string | null,
  codeFiles: string[],
  functionsDir: string,
): Promise<EntryFiles> {
  let main: string | null = null;
  let rootRoute: string | null = null;
  switch (framework) {
    case "vite":
      main = await firstFile(files, ["src/main", "src/index"]);
      break;
    case "next-app":
      main = routesDir ? await firstFile(files, [`${routesDir}/layout`]) : null;
      break;
    case "next-pages":
      main = routesDir ? await firstFile(files, [`${routesDir}/_app`]) : null;
      break;
    case "tanstack-start":
      main = await firstFile(files, ["src/router", "app/router"]);
      rootRoute = await firstFile(files, ["src/routes/__root", "app/routes/__root"]);
      break;
    case "expo":
      main = await firstFile(files, ["app/_layout", "src/app/_layout", "App"]);
      break;
    default:
      main = await firstFile(files, ["src/main", "src/index", "index"]);
  }
  const candidates = [main, rootRoute, ...codeFiles].filter(
    (path): path is string => path !== null && !path.startsWith(`${functionsDir}/`),
  );
  let convexProvider: string | null = null;
  for (const path of new Set(candidates)) {
    const source = await files.read(path);
    if (source !== undefined && CONVEX_PROVIDER_JSX.test(source)) {
      convexProvider = path;
      break;
    }
  }
  const usesSrc = routesDir ? routesDir.startsWith("src/") : (main?.startsWith("src/") ?? false);
  return { main, convexProvider, rootRoute, routesDir, usesSrc };
}
