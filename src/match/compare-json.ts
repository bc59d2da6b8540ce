import { MAX_JSON_DEPTH } from '../contract/json-depth.js';
import type { Rule } from '../contract/parse-rule.js';
import { describeRule, jsonType, ruleAllows, typeName } from '../contract/rule-value.js';
import { toPointer } from '../core/json-pointer.js';
import type { RuleNode } from './compile-rules.js';
import type { NonStrictNode } from './non-strict-paths.js';
import { describeType, differingExcerpts, previewValue, toJsonView } from './preview-value.js';
import type { Mismatch, MismatchKind } from './types.js';

/**
 * Compares an expected JSON value with an actual one, strictly: same key sets, same array
 * length and order, same scalar type and value. Every difference is appended to `out`,
 * with a JSON pointer below `root` (e.g. `/body`).
 *
 * Actual values are seen as `JSON.stringify` would send them: a key whose value is
 * `undefined` is absent, and an object with `toJSON` (a `Date`) compares as its JSON form.
 *
 * Comparison stops MAX_JSON_DEPTH levels below `root`: objects and arrays still nested there
 * are a `depth` mismatch, not a stack overflow. (Contracts cannot nest that deep; an example
 * written in a test, or what it is compared with, can.)
 *
 * `rules` (compiled from the example's `rules`) relax the comparison where they apply: a value
 * under a rule is checked against the rule (a `rule` mismatch when it fails), and a key whose
 * rule is `optional` may be absent.
 */
export function compareJson(
  expected: unknown,
  actual: unknown,
  root: string,
  nonStrict: NonStrictNode | undefined,
  out: Mismatch[],
  rules?: RuleNode,
): void {
  new Comparison(root, out).value(expected, actual, nonStrict, rules);
}

type Segment = string | number;

class Comparison {
  // Segments are kept as a stack and joined only when something differs: the equal path,
  // which is the common one, builds no strings.
  private readonly segments: Segment[] = [];

  constructor(
    private readonly root: string,
    private readonly out: Mismatch[],
  ) {}

  value(
    expected: unknown,
    actual: unknown,
    node: NonStrictNode | undefined,
    rules?: RuleNode,
  ): void {
    if (rules?.rule !== undefined) {
      this.ruled(expected, actual, node, rules, rules.rule);
      return;
    }
    if (expected === actual) return;
    if (actual !== null && typeof actual === 'object') actual = toJsonView(actual);
    if (expected === null || actual === null || typeof expected !== 'object') {
      this.scalar(expected, actual);
      return;
    }
    if (typeof actual !== 'object') {
      this.typeMismatch(expected, actual);
      return;
    }
    const expectedArray = Array.isArray(expected);
    if (expectedArray !== Array.isArray(actual)) {
      this.typeMismatch(expected, actual);
      return;
    }
    if (this.tooDeep(expected, actual)) return;
    if (expectedArray) this.array(expected, actual as unknown[], node, rules);
    else {
      this.object(
        expected as Record<string, unknown>,
        actual as Record<string, unknown>,
        node,
        rules,
      );
    }
  }

  /**
   * A value under a rule: the rule decides the value itself; `type` and `each-like` then walk
   * objects and arrays by type (`like`), and a rule that only says optional or nullable leaves
   * the value to the strict comparison.
   */
  private ruled(
    expected: unknown,
    actual: unknown,
    node: NonStrictNode | undefined,
    rules: RuleNode,
    rule: Rule,
    byType = false,
  ): void {
    if (actual !== null && typeof actual === 'object') actual = toJsonView(actual);
    const allowed = ruleAllows(rule, expected, actual, false);
    if (allowed === undefined) {
      // Only optional or nullable: the value compares as its place does, by type under a
      // `type` or `each-like` rule, strictly elsewhere.
      if (byType) this.like(expected, actual, node, rules);
      else this.value(expected, actual, node, { rule: undefined, children: rules.children });
      return;
    }
    if (!allowed) {
      this.ruleMismatch(
        describeRule(rule, expected),
        expected,
        actual,
        rule.format !== undefined || rule.regex !== undefined,
      );
      return;
    }
    if (actual === null || (!rule.type && rule.eachLike === undefined)) return;
    if (rule.eachLike !== undefined) {
      // Lint refuses each-like on an empty example array: without a first element, any goes.
      if (!Array.isArray(expected) || expected.length === 0) return;
      this.items([expected[0]], actual as unknown[], node, rules);
      return;
    }
    this.like(expected, actual, node, rules);
  }

  /** Compares by type, all the way down: objects the same keys, arrays any length. */
  private like(
    expected: unknown,
    actual: unknown,
    node: NonStrictNode | undefined,
    rules: RuleNode | undefined,
  ): void {
    if (actual !== null && typeof actual === 'object') actual = toJsonView(actual);
    const wanted = jsonType(expected);
    const got = jsonType(actual);
    if (wanted !== got && !(wanted === 'number' && got === 'integer')) {
      this.ruleMismatch(typeName(expected), expected, actual, false);
      return;
    }
    if (expected === null || typeof expected !== 'object') return;
    if (this.tooDeep(expected, actual)) return;
    if (Array.isArray(expected)) {
      // Any length: each element like the example's at its index, past the end like its first.
      // An empty example array says nothing of its elements' type.
      if (expected.length > 0) this.items(expected, actual as unknown[], node, rules);
      return;
    }
    this.object(
      expected as Record<string, unknown>,
      actual as Record<string, unknown>,
      node,
      rules,
      true,
    );
  }

  /** Every element compared by type with the example's at its index, or its first past the end. */
  private items(
    expected: readonly unknown[],
    actual: readonly unknown[],
    node: NonStrictNode | undefined,
    rules: RuleNode | undefined,
  ): void {
    for (let index = 0; index < actual.length; index++) {
      this.segments.push(index);
      this.like(
        index < expected.length ? expected[index] : expected[0],
        actual[index],
        node,
        rules,
      );
      this.segments.pop();
    }
  }

  /** At MAX_JSON_DEPTH: reports a `depth` mismatch, and the caller compares no further. */
  private tooDeep(expected: unknown, actual: unknown): boolean {
    if (this.segments.length < MAX_JSON_DEPTH) return false;
    this.report(
      'depth',
      expected,
      actual,
      `nested more than ${MAX_JSON_DEPTH} levels deep: abe compares JSON to that depth, so the rest is not compared`,
    );
    return true;
  }

  private ruleMismatch(
    wanted: string,
    expected: unknown,
    actual: unknown,
    textRule: boolean,
  ): void {
    const shown =
      actual === null || actual === undefined
        ? describeType(actual)
        : textRule && typeof actual === 'string'
          ? previewValue(actual, 40)
          : `${describeType(actual)} ${previewValue(actual, 40)}`;
    this.report('rule', expected, actual, `expected ${wanted} (rule), got ${shown}`);
  }

  private scalar(expected: unknown, actual: unknown): void {
    if (expected === actual) return;
    // Called when either is null or `expected` is no object: so an array or an object in
    // `actual` differs in typeof from every scalar `expected`.
    if (expected === null || actual === null || typeof expected !== typeof actual) {
      this.typeMismatch(expected, actual);
      return;
    }
    if (Number.isNaN(expected) && Number.isNaN(actual)) return;
    let message: string;
    if (typeof expected === 'string') {
      const text = actual as string; // the same type as `expected`, checked above
      const [wanted, got, at] = differingExcerpts(expected, text, 40);
      message =
        expected.length + text.length > 80
          ? `expected ${wanted}, got ${got} (first difference at offset ${at})`
          : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(text)}`;
    } else {
      message = `expected ${previewValue(expected)}, got ${previewValue(actual)}`;
    }
    this.report('value', expected, actual, message);
  }

  private typeMismatch(expected: unknown, actual: unknown): void {
    const show = (value: unknown): string =>
      value === null || value === undefined
        ? describeType(value)
        : `${describeType(value)} ${previewValue(value, 40)}`;
    this.report('type', expected, actual, `expected ${show(expected)}, got ${show(actual)}`);
  }

  private object(
    expected: Record<string, unknown>,
    actual: Record<string, unknown>,
    node: NonStrictNode | undefined,
    rules: RuleNode | undefined,
    byType = false,
  ): void {
    const children = node?.children;
    const ruleChildren = rules?.children;
    const actualKeys = Object.keys(actual);
    let present = 0;
    for (const key of Object.keys(expected)) {
      const wanted = expected[key];
      if (wanted === undefined) continue;
      const got = Object.hasOwn(actual, key) ? actual[key] : undefined;
      const ruleChild = ruleChildren?.get(key);
      if (got === undefined) {
        if (ruleChild?.rule?.optional) continue;
        this.report('missing', wanted, undefined, `key ${JSON.stringify(key)} is missing`, key);
        continue;
      }
      present++;
      const child = children?.get(key);
      if (child?.loose) continue;
      this.segments.push(key);
      if (ruleChild?.rule !== undefined)
        this.ruled(wanted, got, child, ruleChild, ruleChild.rule, byType);
      else if (byType) this.like(wanted, got, child, ruleChild);
      else this.value(wanted, got, child, ruleChild);
      this.segments.pop();
    }
    // Every present key is also an actual key, so equal counts mean no extra keys.
    if (present === actualKeys.length) return;
    for (const key of actualKeys) {
      const got = actual[key];
      if (got === undefined) continue;
      if (Object.hasOwn(expected, key) && expected[key] !== undefined) continue;
      // An optional key the example leaves out: its rule, if it says more, checks the value.
      const rule = ruleChildren?.get(key)?.rule;
      if (rule?.optional) {
        if (ruleAllows(rule, undefined, got, false) === false) {
          this.segments.push(key);
          this.ruleMismatch(describeRule(rule, undefined), undefined, got, true);
          this.segments.pop();
        }
        continue;
      }
      this.report(
        'unexpected',
        undefined,
        got,
        `unexpected key ${JSON.stringify(key)} with ${previewValue(got, 40)}`,
        key,
      );
    }
  }

  private array(
    expected: unknown[],
    actual: unknown[],
    node: NonStrictNode | undefined,
    rules: RuleNode | undefined,
  ): void {
    if (expected.length === actual.length) {
      for (let index = 0; index < expected.length; index++) {
        this.segments.push(index);
        this.value(expected[index], actual[index], node, rules);
        this.segments.pop();
      }
      return;
    }
    this.report(
      'length',
      expected.length,
      actual.length,
      `expected ${plural(expected.length, 'item')}, got ${actual.length}`,
    );
    // Align equal runs at both ends, so one inserted or removed item is reported as itself
    // instead of as a difference at every later index.
    const shortest = Math.min(expected.length, actual.length);
    let head = 0;
    while (head < shortest && this.same(expected[head], actual[head], node, rules)) head++;
    let tail = 0;
    while (
      tail < shortest - head &&
      this.same(expected[expected.length - 1 - tail], actual[actual.length - 1 - tail], node, rules)
    ) {
      tail++;
    }
    const expectedEnd = expected.length - tail;
    const actualEnd = actual.length - tail;
    let index = head;
    for (; index < expectedEnd && index < actualEnd; index++) {
      this.segments.push(index);
      this.value(expected[index], actual[index], node, rules);
      this.segments.pop();
    }
    for (let missing = index; missing < expectedEnd; missing++) {
      const wanted = expected[missing];
      this.report(
        'missing',
        wanted,
        undefined,
        `item ${missing} is missing: ${previewValue(wanted, 40)}`,
        missing,
      );
    }
    for (let extra = index; extra < actualEnd; extra++) {
      const got = actual[extra];
      this.report(
        'unexpected',
        undefined,
        got,
        `unexpected item ${extra}: ${previewValue(got, 40)}`,
        extra,
      );
    }
  }

  /**
   * True when comparing two items of the array at hand would report nothing; what it would
   * report is dropped. (Index 0 stands for the item's place: only its depth counts here.)
   */
  private same(
    expected: unknown,
    actual: unknown,
    node: NonStrictNode | undefined,
    rules: RuleNode | undefined,
  ): boolean {
    const before = this.out.length;
    this.segments.push(0);
    this.value(expected, actual, node, rules);
    this.segments.pop();
    if (this.out.length === before) return true;
    this.out.length = before;
    return false;
  }

  private report(
    kind: MismatchKind,
    expected: unknown,
    actual: unknown,
    message: string,
    last?: Segment,
  ): void {
    const segments = last === undefined ? this.segments : [...this.segments, last];
    this.out.push({ path: toPointer(this.root, segments), kind, expected, actual, message });
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
