import { parseRule, type Rule } from '../contract/parse-rule.js';
import { parseRulePath, RULE_PATH_STARTS } from '../contract/rule-path.js';
import { AbeError } from '../core/abe-error.js';

/**
 * Rules of a body, as a tree walked alongside it, as `nonStrict` paths are: each node is
 * reached by one key, arrays do not consume one (a node's `children` apply to the keys of
 * every element), and `rule` is the rule at that place.
 */
export interface RuleNode {
  readonly rule: Rule | undefined;
  readonly children: ReadonlyMap<string, RuleNode> | undefined;
}

/** Rules of a request or response: its body's tree, its headers' (lower-case names), its query's. */
export interface PartRules {
  readonly body: RuleNode | undefined;
  readonly headers: ReadonlyMap<string, Rule> | undefined;
  readonly query: ReadonlyMap<string, Rule> | undefined;
}

export interface CompiledRules {
  readonly request: PartRules;
  readonly response: PartRules;
}

interface MutableNode {
  rule: Rule | undefined;
  children: Map<string, MutableNode> | undefined;
}

interface MutablePart {
  body: MutableNode | undefined;
  headers: Map<string, Rule> | undefined;
  query: Map<string, Rule> | undefined;
}

// Compiled once per rules object: a loaded example keeps its object, so matching it again
// parses nothing.
const cache = new WeakMap<object, CompiledRules>();

/**
 * Compiles an example's `rules` (path → rule string) into trees for the comparison;
 * `undefined` when there are none, so matching an example without rules costs nothing more.
 * Throws an `AbeError` (`contract.invalid`) for a rule lint would refuse, as only an example
 * written in code can carry one.
 *
 * @example
 * compileRules({ 'response.body.id': 'type' })?.response.body?.children?.get('id')?.rule?.type // true
 */
export function compileRules(
  rules: Readonly<Record<string, string>> | undefined,
): CompiledRules | undefined {
  if (rules === undefined) return undefined;
  const cached = cache.get(rules);
  if (cached !== undefined) return cached;
  const request: MutablePart = { body: undefined, headers: undefined, query: undefined };
  const response: MutablePart = { body: undefined, headers: undefined, query: undefined };
  for (const key of Object.keys(rules)) {
    const source = rules[key];
    if (source === undefined) continue;
    const path = parseRulePath(key);
    if (path === undefined) {
      throw new AbeError(
        'contract.invalid',
        `rule path ${JSON.stringify(key)} names no part of an example: ${RULE_PATH_STARTS}.`,
      );
    }
    const parsed = parseRule(source);
    if (!parsed.ok) {
      throw new AbeError(
        'contract.invalid',
        `rule ${JSON.stringify(key)}: ${JSON.stringify(source)}: ${parsed.problem.message}.`,
      );
    }
    const part = path.part === 'request' ? request : response;
    const [name = ''] = path.keys;
    if (path.section === 'headers') {
      part.headers ??= new Map();
      part.headers.set(name.toLowerCase(), parsed.rule);
    } else if (path.section === 'query') {
      part.query ??= new Map();
      part.query.set(name, parsed.rule);
    } else {
      part.body ??= { rule: undefined, children: undefined };
      let node = part.body;
      for (const segment of path.keys) {
        node.children ??= new Map();
        let child = node.children.get(segment);
        if (child === undefined) {
          child = { rule: undefined, children: undefined };
          node.children.set(segment, child);
        }
        node = child;
      }
      node.rule = parsed.rule;
    }
  }
  const compiled: CompiledRules = { request, response };
  cache.set(rules, compiled);
  return compiled;
}
