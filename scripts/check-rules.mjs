#!/usr/bin/env node
/**
 * Fails (exit 1) when a doctor rule lacks its test file, its doc page (with What/Why/Incorrect/
 * Correct/Fix sections) or its registry entry, when a code or name is used twice, when a rule's
 * name doesn't match its file, when a doc page's "Fixable" line disagrees with meta.fixable, or
 * when a doc page has no rule. ESLint's checkRuleFiles, for us.
 * Usage: node scripts/check-rules.mjs [projectRoot]
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";

const root = process.argv[2] ?? join(import.meta.dirname, "..");
const rulesDir = join(root, "src/rules");
const docsDir = join(root, "docs/rules");
const problems = [];
const REQUIRED_SECTIONS = ["## What", "## Why", "## Incorrect", "## Correct", "## Fix"];

const registry = existsSync(join(rulesDir, "index.ts")) ? readFileSync(join(rulesDir, "index.ts"), "utf8") : "";
const engine = existsSync(join(rulesDir, "engine.ts")) ? readFileSync(join(rulesDir, "engine.ts"), "utf8") : "";

const rules = [];
for (const entry of readdirSync(rulesDir, { withFileTypes: true })) {
  if (!entry.isDirectory() || entry.name === "analysis") continue;
  for (const file of readdirSync(join(rulesDir, entry.name))) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const path = join(rulesDir, entry.name, file);
    const source = readFileSync(path, "utf8");
    if (!/\bdefineRule\(/.test(source)) continue;
    const code = /\bcode:\s*"(AW\d{3})"/.exec(source)?.[1];
    const name = /\bname:\s*"([a-z0-9-]+)"/.exec(source)?.[1];
    const category = /\bcategory:\s*"([a-z-]+)"/.exec(source)?.[1];
    const fixable = /\bfixable:\s*(true|false)/.exec(source)?.[1] === "true";
    rules.push({ path: relative(root, path), dir: entry.name, file: file.slice(0, -3), code, name, category, fixable });
  }
}

const seenCodes = new Map();
const seenNames = new Map();
for (const rule of rules) {
  const where = rule.path;
  if (!rule.code) problems.push(`${where}: no meta.code`);
  if (!rule.name) problems.push(`${where}: no meta.name`);
  if (rule.name && rule.name !== rule.file)
    problems.push(`${where}: meta.name "${rule.name}" doesn't match the file name`);
  if (rule.category && rule.category !== rule.dir)
    problems.push(`${where}: category "${rule.category}" but the rule lives in ${rule.dir}/`);
  if (rule.code) {
    if (seenCodes.has(rule.code))
      problems.push(`${where}: code ${rule.code} is also used by ${seenCodes.get(rule.code)}`);
    seenCodes.set(rule.code, where);
  }
  if (rule.name) {
    if (seenNames.has(rule.name))
      problems.push(`${where}: name ${rule.name} is also used by ${seenNames.get(rule.name)}`);
    seenNames.set(rule.name, where);
  }
  // A rule's tests sit beside it: `<rule>.test.ts` (unit tier), or `<rule>.int.test.ts` when they
  // need a local issuer (integration tier).
  const test =
    [".test.ts", ".int.test.ts"]
      .map((suffix) => join(rulesDir, rule.dir, `${rule.file}${suffix}`))
      .find((path) => existsSync(path)) ?? join(rulesDir, rule.dir, `${rule.file}.test.ts`);
  if (!existsSync(test)) problems.push(`${where}: no test file ${relative(root, test)}`);
  else if (!/ruleTester\(/.test(readFileSync(test, "utf8")))
    problems.push(`${relative(root, test)}: doesn't call ruleTester()`);
  const doc = join(docsDir, `${rule.file}.md`);
  if (!existsSync(doc)) problems.push(`${where}: no doc page ${relative(root, doc)}`);
  else {
    const text = readFileSync(doc, "utf8");
    for (const section of REQUIRED_SECTIONS)
      if (!text.includes(section)) problems.push(`${relative(root, doc)}: no "${section}" section`);
    if (rule.code && !text.includes(rule.code)) problems.push(`${relative(root, doc)}: doesn't mention ${rule.code}`);
    const documented = /\*\*Fixable:\*\*\s*(yes|no)/.exec(text)?.[1];
    if (documented !== (rule.fixable ? "yes" : "no"))
      problems.push(`${relative(root, doc)}: says "Fixable: ${documented ?? "?"}" but meta.fixable is ${rule.fixable}`);
  }
  const importPattern = new RegExp(`import\\s+(\\w+)\\s+from\\s+"\\./${rule.dir}/${rule.file}\\.ts"`);
  const imported = importPattern.exec(registry);
  if (!imported) problems.push(`${where}: not imported in src/rules/index.ts`);
  else if (!new RegExp(`^\\s*${imported[1]},\\s*$`, "m").test(registry))
    problems.push(`${where}: imported but not listed in RULES`);
}

// The engine's own finding has a page too.
if (/name:\s*"rule-crashed"/.test(engine) && !existsSync(join(docsDir, "rule-crashed.md")))
  problems.push("docs/rules/rule-crashed.md is missing (AW000)");
if (seenCodes.has("AW000")) problems.push("AW000 is the engine's code; no rule may use it");

if (existsSync(docsDir)) {
  for (const doc of readdirSync(docsDir)) {
    if (!doc.endsWith(".md")) continue;
    const name = basename(doc, ".md");
    if (name !== "rule-crashed" && name !== "README" && !seenNames.has(name))
      problems.push(`docs/rules/${doc}: no rule named ${name}`);
  }
}

if (rules.length === 0) problems.push("no rules found under src/rules/");

if (problems.length > 0) {
  process.stderr.write(
    `check:rules found ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ✘ ${p}`).join("\n")}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `check:rules: ${rules.length} rules, each with its test, doc page and registry entry; codes unique.\n`,
);
