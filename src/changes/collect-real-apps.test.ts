import { describe, expect, it } from "vitest";
import { createFile } from "../edit/index.ts";
import { AuthwireError } from "../errors.ts";
import { memoryFiles } from "../project/files.ts";
import { collectPlan } from "./collect.ts";
import { createKit } from "./kit.ts";
import { isNoop, toPlanJson } from "./plan.ts";

describe("collectPlan: --no-env (setDeploymentEnv: false)", () => {
  const kit = () => {
    const k = createKit("demo");
    k.env("ISSUER", { target: "dev", value: "https://auth.acme.com", reason: "auth.config.ts reads it" });
    k.env("SECRET", { target: "dev", value: "s3cr3t-value-0123456789", secret: true });
    k.env("LOCAL", { target: "local", value: "x" });
    return k;
  };

  it("plans deployment variables as pending with the command that sets them (secrets on stdin)", async () => {
    const plan = await collectPlan(kit(), { files: memoryFiles({}), git: false, setDeploymentEnv: false });
    const json = toPlanJson(plan, { applied: false });
    expect(json.env.map(({ name, target, status }) => ({ name, target, status }))).toEqual([
      { name: "ISSUER", target: "dev", status: "pending" },
      { name: "SECRET", target: "dev", status: "pending" },
      { name: "LOCAL", target: "local", status: "set" },
    ]);
    expect(plan.humanSteps.map((s) => s.title)).toEqual([
      "Set ISSUER on the dev deployment: npx convex env set ISSUER https://auth.acme.com",
      "Set SECRET on the dev deployment: npx convex env set SECRET (value on stdin)",
    ]);
    expect(JSON.stringify(json)).not.toContain("s3cr3t");
    expect(isNoop(plan)).toBe(false);
  });

  it("keeps a deployment variable already holding the value unchanged (read, never written)", async () => {
    const plan = await collectPlan(kit(), {
      files: memoryFiles({}),
      git: false,
      setDeploymentEnv: false,
      readDeployment: async () => ({ ISSUER: "https://auth.acme.com" }),
    });
    expect(plan.env.find((c) => c.name === "ISSUER")?.status).toBe("unchanged");
    expect(plan.env.find((c) => c.name === "SECRET")?.status).toBe("pending");
  });

  it("without it, the same wishes are planned as set (the deployment is written by apply)", async () => {
    const plan = await collectPlan(kit(), { files: memoryFiles({}), git: false });
    expect(plan.env.filter((c) => c.target === "dev").map((c) => c.status)).toEqual(["set", "set"]);
    expect(plan.humanSteps).toEqual([]);
  });
});

describe("collectPlan: a file where a folder must go", () => {
  it("is a usage error naming the file and the fix, raised while planning", async () => {
    const k = createKit("workos");
    k.file("src/app/callback/route.ts", createFile("export {};\n", "the callback route"));
    const files = memoryFiles({ "src/app/callback": "a stray file\n", "src/app/page.tsx": "export {};\n" });
    const error = await collectPlan(k, { files, git: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthwireError);
    expect((error as AuthwireError).code).toBe("usage");
    expect((error as AuthwireError).message).toBe(
      "src/app/callback is a file, but authwire must create src/app/callback/route.ts inside a folder there.",
    );
    expect((error as AuthwireError).hint).toContain("Rename or move src/app/callback");
  });

  it("plans the file when the folder exists or is missing", async () => {
    const k = createKit("workos");
    k.file("src/app/callback/route.ts", createFile("export {};\n", "the callback route"));
    k.file("src/app/sign-in/page.tsx", createFile("export {};\n", "sign in"));
    const files = memoryFiles({ "src/app/callback/other.ts": "export {};\n" });
    const plan = await collectPlan(k, { files, git: false });
    expect(plan.items.map((i) => i.action)).toEqual(["create", "create"]);
  });
});
