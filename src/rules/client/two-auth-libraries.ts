/**
 * AW306: two auth libraries at once (e.g. @convex-dev/auth and Clerk, or Convex Auth and Better
 * Auth). Each wants its own Convex bridge and token; only one can feed the client.
 */
import { lineOfAssignment } from "../context.ts";
import { defineRule } from "../define.ts";

const LIBRARIES: { id: string; packages: RegExp }[] = [
  { id: "Convex Auth", packages: /^@convex-dev\/auth$/ },
  { id: "Clerk", packages: /^@clerk\/(?:clerk-react|react|nextjs|tanstack-react-start|expo|clerk-expo)$/ },
  {
    id: "WorkOS AuthKit",
    packages: /^(?:@workos-inc\/authkit-(?:react|nextjs)|@workos\/authkit-tanstack-react-start)$/,
  },
  { id: "Auth0", packages: /^@auth0\/(?:auth0-react|nextjs-auth0)$/ },
  { id: "Better Auth", packages: /^(?:better-auth|@convex-dev\/better-auth)$/ },
  { id: "Auth.js", packages: /^(?:next-auth|@auth\/nextjs)$/ },
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
      const library = LIBRARIES.find((candidate) => candidate.packages.test(pkg));
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
