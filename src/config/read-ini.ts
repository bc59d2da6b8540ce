import { AbeError } from '../core/abe-error.js';

/** One `key=value` line of an INI file. */
export interface IniEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Receives an INI file's sections and entries in file order, with their lines. */
export interface IniVisitor {
  section(name: string, line: number): void;
  entry(key: string, value: string, line: number): void;
}

// A comment starts a line, or follows whitespace: `contracts=api/*.json   ; ABE files`.
// Requiring the whitespace keeps `#` and `;` usable inside values such as URLs.
const INLINE_COMMENT = /\s[;#].*$/;
const SECTION = /^\[([^\]]*)\]\s*(?:[;#].*)?$/;

/**
 * Reads INI text, handing each `[section]` and `key=value` to the visitor with its 1-based
 * line, which the `ini` package drops. Understands whole-line and inline `;`/`#` comments and
 * quoted values. Duplicate sections and keys, keys before any section and lines that are not
 * `key=value` throw `config.invalid` naming the file and line. Streams the text without
 * building a line array: configs of thousands of sections are read on every run.
 *
 * @example
 * readIni('[api]\npath=api ; the service\n', 'builder.ini', {
 *   section: (name, line) => console.log(name, line), // api 1
 *   entry: (key, value, line) => console.log(key, value, line), // path api 2
 * });
 */
export function readIni(text: string, file: string, visitor: IniVisitor): void {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\r')) body = body.replace(/\r\n?/g, '\n');
  const sectionLines = new Map<string, number>();
  const keyLines = new Map<string, number>();
  let section: string | undefined;
  let line = 0;
  for (let start = 0; start < body.length; ) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    line += 1;
    let from = start;
    let to = end;
    start = end + 1;
    while (from < to && isBlank(body.charCodeAt(from))) from += 1;
    while (to > from && isBlank(body.charCodeAt(to - 1))) to -= 1;
    const first = body.charCodeAt(from);
    // Empty lines and comments (";" 59, "#" 35).
    if (from === to || first === 59 || first === 35) continue;

    if (first === 91 /* "[" */) {
      const header = body.slice(from, to);
      const name = SECTION.exec(header)?.[1]?.trim();
      if (name === undefined || name === '') {
        throw new AbeError('config.invalid', `"${header}" is not a valid section header.`, {
          file,
          line,
          hint: 'Write a component section as `[name]` on a line of its own.',
        });
      }
      const previous = sectionLines.get(name);
      if (previous !== undefined) {
        throw new AbeError(
          'config.invalid',
          `section [${name}] appears twice (lines ${previous} and ${line}).`,
          { file, line, hint: `Merge the two [${name}] sections into one, or rename one of them.` },
        );
      }
      sectionLines.set(name, line);
      keyLines.clear();
      section = name;
      visitor.section(name, line);
      continue;
    }

    const equals = body.indexOf('=', from);
    if (equals === -1 || equals >= to || equals === from) {
      throw new AbeError('config.invalid', `"${body.slice(from, to)}" is not a "key=value" line.`, {
        file,
        line,
        hint: 'Write settings as `key=value` under a `[section]` header; start comments with ";" or "#".',
      });
    }
    const key = body.slice(from, equals).trim();
    let value = body.slice(equals + 1, to);
    if (value.includes(';') || value.includes('#')) value = value.replace(INLINE_COMMENT, '');
    value = unquote(value.trim());
    if (section === undefined) {
      throw new AbeError('config.invalid', `"${key}" is set before any [section].`, {
        file,
        line,
        hint: 'Put every key under a `[component]` header, or under `[abe]` for the global settings.',
      });
    }
    const previous = keyLines.get(key);
    if (previous !== undefined) {
      throw new AbeError(
        'config.invalid',
        `key "${key}" is set twice in [${section}] (lines ${previous} and ${line}).`,
        {
          file,
          line,
          hint: 'Keep one line; list several values on it separated by commas or spaces.',
        },
      );
    }
    keyLines.set(key, line);
    visitor.entry(key, value, line);
  }
}

function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff;
}

function unquote(value: string): string {
  if (value.length >= 2) {
    const first = value[0];
    if ((first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  }
  return value;
}
