// A regular expression matcher whose time grows linearly with the input, for URL patterns.
//
// V8's RegExp backtracks: `/a/(a+)+b` against thirty "a"s takes seconds, and a contract's url
// pattern is matched against every example url (lint) and every mocked request (msw). This
// reads the same syntax as `new RegExp(source)` (no flags, so no `u`: code units, and the web
// compatibility grammar of Annex B) into a program that it runs as a set of threads advancing
// together, one input character at a time (Thompson's construction, as RE2 does): at most one
// thread per instruction, so a test costs O(input length × pattern size), whatever the pattern.
// Only whether it matches is computed: no captures, which is all a URL pattern needs.
//
// What a thread set cannot do is refused with an UnsafeRegexError: backreferences and
// lookarounds (their cost can grow without bound), and repetition counts that would make the
// program too large.

/** Why a valid regular expression cannot be matched in linear time. */
export type UnsafeRegexReason = 'backreference' | 'lookaround' | 'too-large' | 'too-deep';

/** A valid regular expression that `compileLinearRegex` will not run, and why. */
export class UnsafeRegexError extends Error {
  readonly reason: UnsafeRegexReason;

  constructor(reason: UnsafeRegexReason, message: string) {
    super(message);
    this.name = 'UnsafeRegexError';
    this.reason = reason;
  }
}

/** A compiled pattern: `test` answers as `new RegExp(source).test` would, in linear time. */
export interface LinearRegex {
  readonly source: string;
  test(input: string): boolean;
}

/** Instructions beyond this are refused: `[0-9]{1,100000}` would be a program of that size. */
const MAX_PROGRAM = 20_000;
// Groups nest this deep at most: the compiler walks the pattern recursively, and no pattern a
// person writes comes near it.
const MAX_NESTING = 100;

/**
 * Compiles a regular expression, written as for `new RegExp(source)` without flags, into a
 * matcher that runs in time linear in its input. The source must be valid (check it with
 * `new RegExp` first: this does not report syntax errors); throws an `UnsafeRegexError` for
 * backreferences, lookarounds, repetition counts too large to expand, and groups nested more
 * than MAX_NESTING deep.
 *
 * @example
 * compileLinearRegex('^(?:/a/(a+)+b)$').test(`/a/${'a'.repeat(100_000)}`) // false, at once
 */
export function compileLinearRegex(source: string): LinearRegex {
  const tree = new Parser(source).parse();
  const program = new Program();
  program.emit(tree);
  program.match();
  return new ThreadMatcher(source, program);
}

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, inclusive code unit ranges, flattened [lo, hi, lo, hi, …].

type Ranges = readonly number[];

const MAX_UNIT = 0xffff;
const DIGITS: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
// WhiteSpace and LineTerminator, as `\s` reads them.
const SPACE: Ranges = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f,
  0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
// `.` without the `s` flag: anything but a line terminator.
const DOT: Ranges = complement([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);

function union(...sets: Ranges[]): Ranges {
  const pairs: [number, number][] = [];
  for (const set of sets) {
    for (let index = 0; index < set.length; index += 2) {
      pairs.push([set[index] as number, set[index + 1] as number]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [low, high] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && low <= (merged[last] as number) + 1) {
      merged[last] = Math.max(merged[last] as number, high);
    } else {
      merged.push(low, high);
    }
  }
  return merged;
}

function complement(set: Ranges): Ranges {
  const result: number[] = [];
  let next = 0;
  for (let index = 0; index < set.length; index += 2) {
    const low = set[index] as number;
    if (low > next) result.push(next, low - 1);
    next = (set[index + 1] as number) + 1;
  }
  if (next <= MAX_UNIT) result.push(next, MAX_UNIT);
  return result;
}

function single(code: number): Ranges {
  return [code, code];
}

function contains(set: Ranges, code: number): boolean {
  for (let index = 0; index < set.length; index += 2) {
    if (code < (set[index] as number)) return false;
    if (code <= (set[index + 1] as number)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The parse tree. Groups leave no trace: without captures, `(a)` is `a`.

type Node =
  | { readonly type: 'set'; readonly ranges: Ranges }
  | { readonly type: 'sequence'; readonly items: readonly Node[] }
  | { readonly type: 'choice'; readonly options: readonly Node[] }
  | { readonly type: 'repeat'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly type: 'assert'; readonly kind: number };

const ASSERT_START = 0;
const ASSERT_END = 1;
const ASSERT_WORD = 2;
const ASSERT_NOT_WORD = 3;

/**
 * Reads a valid pattern as V8 does without flags (Annex B: `\c` without a letter is a
 * backslash, `\8` is "8", `\12` with fewer than 12 groups is an octal escape, a `{` that starts
 * no quantifier is a character, …).
 */
class Parser {
  readonly #source: string;
  #at = 0;
  /** Capturing groups in the whole pattern: `\2` may refer to a group that comes later. */
  readonly #groups: number;
  /** Groups open around the position being read. */
  #depth = 0;
  readonly #named: boolean;

  constructor(source: string) {
    this.#source = source;
    const { groups, named } = countGroups(source);
    this.#groups = groups;
    this.#named = named;
  }

  parse(): Node {
    const node = this.#choice();
    // A valid pattern is read whole; a stray ")" would have been a syntax error.
    return node;
  }

  #peek(offset = 0): number {
    const at = this.#at + offset;
    return at < this.#source.length ? this.#source.charCodeAt(at) : -1;
  }

  #choice(): Node {
    const options = [this.#sequence()];
    while (this.#peek() === 0x7c /* | */) {
      this.#at += 1;
      options.push(this.#sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { type: 'choice', options };
  }

  #sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const code = this.#peek();
      if (code === -1 || code === 0x7c /* | */ || code === 0x29 /* ) */) break;
      const atom = this.#term();
      items.push(this.#quantified(atom));
    }
    return items.length === 1 ? (items[0] as Node) : { type: 'sequence', items };
  }

  #term(): Node {
    const code = this.#peek();
    this.#at += 1;
    switch (code) {
      case 0x5e /* ^ */:
        return { type: 'assert', kind: ASSERT_START };
      case 0x24 /* $ */:
        return { type: 'assert', kind: ASSERT_END };
      case 0x2e /* . */:
        return { type: 'set', ranges: DOT };
      case 0x5b /* [ */:
        return this.#characterClass();
      case 0x28 /* ( */:
        return this.#group();
      case 0x5c /* \ */:
        return this.#atomEscape();
      default:
        return { type: 'set', ranges: single(code) };
    }
  }

  #group(): Node {
    this.#depth += 1;
    if (this.#depth > MAX_NESTING) {
      throw new UnsafeRegexError(
        'too-deep',
        `its groups nest more than ${MAX_NESTING} deep: write fewer nested groups`,
      );
    }
    if (this.#peek() === 0x3f /* ? */) {
      const kind = this.#peek(1);
      const lookbehind =
        kind === 0x3c /* < */ && (this.#peek(2) === 0x3d || this.#peek(2) === 0x21);
      if (kind === 0x3d /* = */ || kind === 0x21 /* ! */ || lookbehind) {
        throw new UnsafeRegexError(
          'lookaround',
          'a lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…)) needs a backtracking matcher',
        );
      }
      if (kind === 0x3a /* : */) this.#at += 2;
      else this.#at = this.#source.indexOf('>', this.#at) + 1; // (?<name>
    }
    const inner = this.#choice();
    this.#at += 1; // )
    this.#depth -= 1;
    return inner;
  }

  #quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const code = this.#peek();
    if (code === 0x2a /* * */) {
      [min, max] = [0, Number.POSITIVE_INFINITY];
      this.#at += 1;
    } else if (code === 0x2b /* + */) {
      [min, max] = [1, Number.POSITIVE_INFINITY];
      this.#at += 1;
    } else if (code === 0x3f /* ? */) {
      [min, max] = [0, 1];
      this.#at += 1;
    } else if (code === 0x7b /* { */) {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.#source.slice(this.#at));
      if (braces === null) return atom; // a "{" that starts no quantifier is a character
      min = Number(braces[1]);
      max =
        braces[2] === undefined
          ? min
          : braces[3] === ''
            ? Number.POSITIVE_INFINITY
            : Number(braces[3]);
      this.#at += braces[0].length;
    } else {
      return atom;
    }
    if (this.#peek() === 0x3f /* ? */) this.#at += 1; // lazy: the same strings match
    return { type: 'repeat', node: atom, min, max };
  }

  #atomEscape(): Node {
    const code = this.#peek();
    switch (code) {
      case 0x62 /* b */:
        this.#at += 1;
        return { type: 'assert', kind: ASSERT_WORD };
      case 0x42 /* B */:
        this.#at += 1;
        return { type: 'assert', kind: ASSERT_NOT_WORD };
      case 0x6b /* k */:
        if (this.#named) {
          throw new UnsafeRegexError(
            'backreference',
            'a backreference (\\k<name>) needs a backtracking matcher',
          );
        }
        break;
      default:
        if (code >= 0x31 && code <= 0x39 /* 1-9 */) {
          const digits = /^\d+/.exec(this.#source.slice(this.#at))?.[0] ?? '';
          if (Number(digits) <= this.#groups) {
            throw new UnsafeRegexError(
              'backreference',
              `a backreference (\\${digits}) needs a backtracking matcher`,
            );
          }
        }
    }
    return { type: 'set', ranges: this.#escape(false) };
  }

  /** After a backslash, anything but assertions and backreferences: the characters it means. */
  #escape(inClass: boolean): Ranges {
    const code = this.#peek();
    this.#at += 1;
    switch (code) {
      case 0x64 /* d */:
        return DIGITS;
      case 0x44 /* D */:
        return complement(DIGITS);
      case 0x77 /* w */:
        return WORD;
      case 0x57 /* W */:
        return complement(WORD);
      case 0x73 /* s */:
        return SPACE;
      case 0x53 /* S */:
        return complement(SPACE);
      case 0x66 /* f */:
        return single(0x0c);
      case 0x6e /* n */:
        return single(0x0a);
      case 0x72 /* r */:
        return single(0x0d);
      case 0x74 /* t */:
        return single(0x09);
      case 0x76 /* v */:
        return single(0x0b);
      case 0x62 /* b, only in a class */:
        return single(0x08);
      case 0x63 /* c */:
        {
          const letter = this.#peek();
          const isLetter = (letter | 0x20) >= 0x61 && (letter | 0x20) <= 0x7a;
          // In a class, digits and "_" are control letters too.
          if (isLetter || (inClass && ((letter >= 0x30 && letter <= 0x39) || letter === 0x5f))) {
            this.#at += 1;
            return single(letter % 32);
          }
          // No control letter: the backslash is itself, and the "c" is read next.
          this.#at -= 1;
          return single(0x5c);
        }
      case 0x78 /* x */:
        return single(this.#hex(2) ?? 0x78);
      case 0x75 /* u */:
        return single(this.#hex(4) ?? 0x75);
      default:
        if (code >= 0x30 && code <= 0x37) return single(this.#octal(code));
        return single(code); // identity escape, \8 and \9 included
    }
  }

  #hex(length: number): number | undefined {
    const digits = this.#source.slice(this.#at, this.#at + length);
    if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    this.#at += length;
    return Number.parseInt(digits, 16);
  }

  /** A legacy octal escape, its first digit already read: up to \377. */
  #octal(first: number): number {
    let value = first - 0x30;
    const most = first <= 0x33 ? 2 : 1;
    for (let extra = 0; extra < most; extra += 1) {
      const next = this.#peek();
      if (next < 0x30 || next > 0x37) break;
      value = value * 8 + (next - 0x30);
      this.#at += 1;
    }
    return value;
  }

  #characterClass(): Node {
    const negated = this.#peek() === 0x5e; /* ^ */
    if (negated) this.#at += 1;
    const parts: Ranges[] = [];
    while (this.#peek() !== 0x5d /* ] */ && this.#peek() !== -1) {
      const [first, firstIsSet] = this.#classAtom();
      if (this.#peek() !== 0x2d /* - */ || this.#peek(1) === 0x5d || this.#peek(1) === -1) {
        parts.push(first);
        continue;
      }
      this.#at += 1; // -
      const [last, lastIsSet] = this.#classAtom();
      // A range needs a character at both ends; next to \d or \w the "-" is a character.
      if (firstIsSet || lastIsSet) parts.push(first, single(0x2d), last);
      else parts.push([first[0] as number, last[0] as number]);
    }
    this.#at += 1; // ]
    const ranges = union(...parts);
    return { type: 'set', ranges: negated ? complement(ranges) : ranges };
  }

  /** One member of a class, and whether it is a set (\d, \w, \s…) rather than a character. */
  #classAtom(): [Ranges, boolean] {
    const code = this.#peek();
    this.#at += 1;
    if (code !== 0x5c /* \ */) return [single(code), false];
    const escaped = this.#peek();
    const isSet = 'dDwWsS'.includes(String.fromCharCode(escaped));
    if (escaped === 0x2d /* - */) {
      this.#at += 1;
      return [single(0x2d), false];
    }
    return [this.#escape(true), isSet];
  }
}

/** How many capturing groups a pattern has, and whether any is named. */
function countGroups(source: string): { groups: number; named: boolean } {
  let groups = 0;
  let named = false;
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    if (code === 0x5c /* \ */) {
      index += 1;
    } else if (inClass) {
      if (code === 0x5d /* ] */) inClass = false;
    } else if (code === 0x5b /* [ */) {
      inClass = true;
    } else if (code === 0x28 /* ( */) {
      if (source.charCodeAt(index + 1) !== 0x3f /* ? */) {
        groups += 1;
      } else if (
        source.charCodeAt(index + 2) === 0x3c /* < */ &&
        source.charCodeAt(index + 3) !== 0x3d /* = */ &&
        source.charCodeAt(index + 3) !== 0x21 /* ! */
      ) {
        groups += 1;
        named = true;
      }
    }
  }
  return { groups, named };
}

// ---------------------------------------------------------------------------------------------
// The program: instructions in parallel arrays.

const OP_SET = 0; // consume one code unit of sets[arg]
const OP_SPLIT = 1; // continue at arg and at arg2
const OP_JUMP = 2; // continue at arg
const OP_ASSERT = 3; // continue if assertion arg holds here
const OP_MATCH = 4;

class Program {
  readonly ops: number[] = [];
  readonly args: number[] = [];
  readonly args2: number[] = [];
  readonly sets: Ranges[] = [];

  #add(op: number, arg = 0, arg2 = 0): number {
    if (this.ops.length >= MAX_PROGRAM) {
      throw new UnsafeRegexError(
        'too-large',
        `its repetition counts expand it past ${MAX_PROGRAM.toLocaleString('en')} steps: use + or * rather than large {n,m} counts`,
      );
    }
    this.ops.push(op);
    this.args.push(arg);
    this.args2.push(arg2);
    return this.ops.length - 1;
  }

  match(): void {
    this.#add(OP_MATCH);
  }

  emit(node: Node): void {
    switch (node.type) {
      case 'set':
        this.sets.push(node.ranges);
        this.#add(OP_SET, this.sets.length - 1);
        return;
      case 'assert':
        this.#add(OP_ASSERT, node.kind);
        return;
      case 'sequence':
        for (const item of node.items) this.emit(item);
        return;
      case 'choice': {
        // split L1, next; L1: option; jump end; next: split L2, … ; last option
        const jumps: number[] = [];
        node.options.forEach((option, index) => {
          if (index < node.options.length - 1) {
            const split = this.#add(OP_SPLIT);
            this.args[split] = split + 1;
            this.emit(option);
            jumps.push(this.#add(OP_JUMP));
            this.args2[split] = this.ops.length;
          } else {
            this.emit(option);
          }
        });
        for (const jump of jumps) this.args[jump] = this.ops.length;
        return;
      }
      case 'repeat':
        this.#repeat(node.node, node.min, node.max);
        return;
    }
  }

  #repeat(node: Node, min: number, max: number): void {
    for (let count = 0; count < min; count += 1) this.emit(node);
    if (max === Number.POSITIVE_INFINITY) {
      // loop: split body, end; body; jump loop
      const split = this.#add(OP_SPLIT);
      this.args[split] = split + 1;
      this.emit(node);
      this.#add(OP_JUMP, split);
      this.args2[split] = this.ops.length;
      return;
    }
    // Each optional copy may be skipped to the end of all of them.
    const splits: number[] = [];
    for (let count = min; count < max; count += 1) {
      const split = this.#add(OP_SPLIT);
      this.args[split] = split + 1;
      splits.push(split);
      this.emit(node);
    }
    for (const split of splits) this.args2[split] = this.ops.length;
  }
}

// ---------------------------------------------------------------------------------------------
// The matcher: every thread advances over one code unit at a time; a thread that reaches an
// instruction already reached at this position is dropped, so there are never more threads
// than instructions.

class ThreadMatcher implements LinearRegex {
  readonly source: string;
  readonly #ops: readonly number[];
  readonly #args: readonly number[];
  readonly #args2: readonly number[];
  readonly #sets: readonly Ranges[];
  /** The program starts with `^`: threads started after position 0 die at once. */
  readonly #anchored: boolean;
  /** Work space, made on the first test and reused: `test` runs to completion, never nested. */
  #lists:
    | { current: Int32Array; next: Int32Array; seen: Int32Array; stack: Int32Array }
    | undefined;

  constructor(source: string, program: Program) {
    this.source = source;
    this.#ops = program.ops;
    this.#args = program.args;
    this.#args2 = program.args2;
    this.#sets = program.sets;
    this.#anchored = program.ops[0] === OP_ASSERT && program.args[0] === ASSERT_START;
  }

  test(input: string): boolean {
    const size = this.#ops.length;
    this.#lists ??= {
      current: new Int32Array(size),
      next: new Int32Array(size),
      // The position + 1 at which an instruction was last added to a list: no clearing needed
      // within a test, only before the next one.
      seen: new Int32Array(size),
      // Each instruction is expanded once per position and pushes at most two others.
      stack: new Int32Array(2 * size + 1),
    };
    const { seen, stack } = this.#lists;
    let { current, next } = this.#lists;
    seen.fill(0);
    let currentCount = 0;
    for (let position = 0; position <= input.length; position += 1) {
      if (position === 0 || !this.#anchored) {
        currentCount = this.#add(current, currentCount, seen, stack, 0, position, input);
      }
      if (currentCount === 0 && this.#anchored) return false;
      const code = position < input.length ? input.charCodeAt(position) : -1;
      let nextCount = 0;
      for (let index = 0; index < currentCount; index += 1) {
        const pc = current[index] as number;
        const op = this.#ops[pc];
        if (op === OP_MATCH) return true;
        if (code !== -1 && contains(this.#sets[this.#args[pc] as number] as Ranges, code)) {
          nextCount = this.#add(next, nextCount, seen, stack, pc + 1, position + 1, input);
        }
      }
      [current, next] = [next, current];
      currentCount = nextCount;
    }
    return false;
  }

  /**
   * Adds the thread at `start` to `list`, following jumps, splits and assertions (with an
   * explicit stack); keeps only threads at instructions that consume or match.
   */
  #add(
    list: Int32Array,
    count: number,
    seen: Int32Array,
    stack: Int32Array,
    start: number,
    position: number,
    input: string,
  ): number {
    const mark = position + 1;
    let depth = 0;
    stack[depth++] = start;
    let added = count;
    while (depth > 0) {
      const pc = stack[--depth] as number;
      if (seen[pc] === mark) continue;
      seen[pc] = mark;
      switch (this.#ops[pc]) {
        case OP_JUMP:
          stack[depth++] = this.#args[pc] as number;
          break;
        case OP_SPLIT:
          // The second branch is pushed first so that the first is followed first (order does
          // not change whether there is a match; it keeps the walk predictable).
          stack[depth++] = this.#args2[pc] as number;
          stack[depth++] = this.#args[pc] as number;
          break;
        case OP_ASSERT:
          if (holds(this.#args[pc] as number, input, position)) stack[depth++] = pc + 1;
          break;
        default:
          list[added++] = pc;
      }
    }
    return added;
  }
}

function holds(kind: number, input: string, position: number): boolean {
  switch (kind) {
    case ASSERT_START:
      return position === 0;
    case ASSERT_END:
      return position === input.length;
    default: {
      const before = position > 0 && contains(WORD, input.charCodeAt(position - 1));
      const after = position < input.length && contains(WORD, input.charCodeAt(position));
      return (before !== after) === (kind === ASSERT_WORD);
    }
  }
}
