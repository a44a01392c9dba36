/**
 * AW306: two auth libraries at once (e.g. Convex Auth and Clerk, or Convex Auth and Better Auth).
 * Each wants its own Convex bridge and token; only one can feed the client. The providers'
 * packages come from their profiles (src/providers/<id>/profile.ts).
 */
import { lineOfAssignment } from "../context.ts";
import { defineRule } from "../define.ts";
import { PROFILE_ORDER, profileOfPackage } from "../../providers/profiles.ts";

/** Auth libraries authwire has no provider profile for. */
const OTHER_LIBRARIES: { id: string; packages: readonly string[] }[] = [
  { id: "Auth.js", packages: ["next-auth", "@auth/nextjs"] },
];

const LIBRARIES: { id: string; packages: readonly string[] }[] = [
  ...PROFILE_ORDER.map((profile) => ({ id: profile.title, packages: profile.packages.sdk })),
  // A library that gains a profile is listed once, under its profile.
  ...OTHER_LIBRARIES.filter((library) => !library.packages.some((name) => profileOfPackage(name))),
];

export default defineRule({
  meta: {
    code: "AW306",
    name: "two-auth-libraries",
    category: "client",
    severity: "warning",
    fixable: false,
    description: "Two auth libraries are installed at once.",
    docs: "docs/rules/two-auth-libraries.md",
    messages: {
      two: "{{first}} ({{firstPackage}}) and {{second}} ({{secondPackage}}) are both installed; only one can give Convex its token, and the other is dead weight or a half-finished migration.",
    },
    fixes: {
      two: "Keep the one auth.config.ts trusts; remove the other's package and wiring.",
    },
  },
  async check({ doctor, report }) {
    const found: { id: string; pkg: string }[] = [];
    for (const pkg of Object.keys(doctor.facts.dependencies)) {
      const library = LIBRARIES.find((candidate) => candidate.packages.includes(pkg));
      if (library && !found.some((entry) => entry.id === library.id)) found.push({ id: library.id, pkg });
    }
    if (found.length < 2) return;
    const source = (await doctor.read("package.json")) ?? "";
    const second = found[1]!;
    const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), second.pkg) ?? 1;
    report({
      messageId: "two",
      data: { first: found[0]!.id, firstPackage: found[0]!.pkg, second: second.id, secondPackage: second.pkg },
      file: "package.json",
      line,
      column: 1,
    });
  },
});
