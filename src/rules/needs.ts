/**
 * Which code analysis each rule reads (issue 18: `--only AW108` must not analyse the functions
 * folder). A rule not listed here gets the whole analysis. needs.test.ts checks this table
 * against what every rule file (and the helpers it calls) actually reads.
 */
import type { AnalysisParts } from "../analysis/analyze.ts";
import type { Rule } from "./define.ts";

type Part = keyof AnalysisParts;

const BACKEND: Part[] = ["backend"];
const CLIENT: Part[] = ["client"];
const BOTH: Part[] = ["backend", "client"];
const NOTHING: Part[] = [];

export const ANALYSIS_NEEDS: Readonly<Record<string, readonly Part[]>> = {
  // A function that asks who the caller is needs the config as much as a provider that sends tokens.
  AW101: BOTH,
  AW102: NOTHING,
  AW103: NOTHING,
  AW104: NOTHING,
  AW105: NOTHING,
  AW106: NOTHING,
  AW107: NOTHING,
  AW108: CLIENT,
  AW109: NOTHING,
  AW110: NOTHING,
  AW111: NOTHING,
  AW112: NOTHING,
  AW113: NOTHING,
  AW114: NOTHING,
  AW115: NOTHING,
  // The backend's env reads tell a vendor's API key from its secret half.
  AW201: BOTH,
  AW202: NOTHING,
  AW203: BACKEND,
  AW204: NOTHING,
  AW205: BACKEND,
  AW206: NOTHING,
  AW207: NOTHING,
  AW208: NOTHING,
  AW209: NOTHING,
  AW210: NOTHING,
  AW211: NOTHING,
  AW212: NOTHING,
  AW301: CLIENT,
  AW302: CLIENT,
  // The functions a file's queries name say what they answer before the token.
  AW303: BOTH,
  AW304: CLIENT,
  AW305: CLIENT,
  AW306: NOTHING,
  AW307: CLIENT,
  AW308: CLIENT,
  AW309: CLIENT,
  AW401: NOTHING,
  AW402: NOTHING,
  AW403: NOTHING,
  AW404: NOTHING,
  AW405: NOTHING,
  AW406: NOTHING,
  AW501: BACKEND,
  AW502: BACKEND,
  AW503: BACKEND,
  AW504: BACKEND,
  AW505: NOTHING,
  AW506: BACKEND,
  AW511: NOTHING,
  AW512: NOTHING,
  AW513: NOTHING,
  AW514: NOTHING,
  AW515: NOTHING,
  AW516: NOTHING,
  AW701: NOTHING,
  AW702: NOTHING,
  AW703: NOTHING,
  AW704: NOTHING,
  AW705: NOTHING,
  AW706: BACKEND,
  AW707: NOTHING,
  AW708: NOTHING,
  AW601: BACKEND,
  AW602: BACKEND,
  AW603: BACKEND,
  AW604: BACKEND,
  AW605: BACKEND,
  AW606: BACKEND,
  AW607: BACKEND,
  AW608: BACKEND,
  AW609: BACKEND,
  AW610: BACKEND,
  AW611: BACKEND,
  AW612: BACKEND,
};

/** The analysis parts a set of rules reads. */
export function analysisNeeds(rules: readonly Rule[]): AnalysisParts {
  const needs: AnalysisParts = { backend: false, client: false };
  for (const rule of rules) {
    const parts = ANALYSIS_NEEDS[rule.meta.code] ?? (["backend", "client"] as const);
    for (const part of parts) needs[part] = true;
  }
  return needs;
}
