import { describe, expect, it } from "vitest";
import { capitalAfterSemicolon, joinClauses, midSentence } from "./clauses.ts";

describe("joinClauses", () => {
  it("drops the full stop before a semicolon and lowercases the clause after it", () => {
    expect(joinClauses(["Not set on the dev deployment.", "Set it with npx convex env set X 1."])).toBe(
      "Not set on the dev deployment; set it with npx convex env set X 1.",
    );
  });

  it("keeps proper nouns and code capitalised, and says each clause once", () => {
    expect(joinClauses(["a", "Convex reads it", "JWKS is missing", "WorkOS too", "a"])).toBe(
      "a; Convex reads it; JWKS is missing; WorkOS too",
    );
    expect(midSentence("Next.js needs it")).toBe("Next.js needs it");
    expect(midSentence("CLERK_SECRET_KEY is read")).toBe("CLERK_SECRET_KEY is read");
  });

  it("a line it produces has no capital after a semicolon; the scan finds one joined by hand", () => {
    expect(capitalAfterSemicolon(joinClauses(["First", "Second", "Third"]))).toBe(false);
    expect(capitalAfterSemicolon(["First", "Second"].join("; "))).toBe(true);
    expect(capitalAfterSemicolon("x; Clerk signs it")).toBe(false);
  });
});
