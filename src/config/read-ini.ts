import { AbeError } from '../core/abe-error.js';
import { logSafeText } from '../core/log-safe-text.js';

// builder.ini is the format of the seed's Python builder, which read it with configparser.
// It is read here rather than with the `ini` package because configparser's rules are not
// ini's: `key: value` is a setting (ini makes it a key named "key: value"), an indented line
// continues the value above (ini makes it a key of its own), a `#` inside a value such as a URL
// is kept (ini cuts the value there), and a repeated section is an error (ini merges the two
// silently). Every section and entry also comes with its line, which messages quote and ini
// does not keep.

/** One `key=value` (or `key: value`) setting of an INI file. */
export interface IniEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number of the key. */
  readonly line: number;
}

/** Receives an INI file's sections and entries in file order, with their lines. */
export interface IniVisitor {
  section(name: string, line: number): void;
  entry(key: string, value: string, line: number): void;
}

const SECTION = /^\[([^\]]*)\]\s*(?:[;#].*)?$/;
/** The key, the first `=` or `:` after it, and the value. */
const SETTING = /^([^=:]*?)\s*[=:](.*)$/;
// A comment starts a line, or follows whitespace: `contracts=api/*.json   ; ABE files`.
// Requiring the whitespace keeps `#` and `;` usable inside values such as URLs.
const INLINE_COMMENT = /\s[;#].*$/;

/**
 * Reads INI text as configparser does, handing each `[section]` and setting to the visitor with
 * its 1-based line: `key=value` or `key: value`, keys lower-cased, whole-line `;`/`#` comments
 * and inline ones after whitespace, quoted values unquoted, and lines indented deeper than a
 * key continuing its value (joined with a newline). Duplicate sections and keys, keys before any section and
 * lines that are no setting throw `config.invalid` naming the file and line.
 *
 * @example
 * readIni('[api]\npath: api ; the service\ndownstream = web,\n  docs\n', 'builder.ini', {
 *   section: (name, line) => console.log(name, line), // api 1
 *   entry: (key, value, line) => console.log(key, value, line), // path api 2, downstream "web,\ndocs" 3
 * });
 */
export function readIni(text: string, file: string, visitor: IniVisitor): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const sectionLines = new Map<string, number>();
  const keyLines = new Map<string, number>();
  let section: string | undefined;
  // The setting being read: lines indented deeper than its key continue it.
  let pending: { key: string; value: string[]; line: number; indent: number } | undefined;
  const flush = (): void => {
    if (pending === undefined) return;
    visitor.entry(pending.key, unquote(pending.value.join('\n').trim()), pending.line);
    pending = undefined;
  };

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith(';') || content.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    if (pending !== undefined && indent > pending.indent) {
      pending.value.push(withoutComment(content));
      continue;
    }
    flush();

    if (content.startsWith('[')) {
      section = readSection(content, file, line, sectionLines);
      keyLines.clear();
      visitor.section(section, line);
      continue;
    }
    const setting = SETTING.exec(content);
    const key = setting?.[1]?.toLowerCase();
    if (setting === undefined || setting === null || key === undefined || key === '') {
      throw new AbeError('config.invalid', `"${logSafeText(content)}" is not a "key=value" line.`, {
        file,
        line,
        hint: 'Write settings as `key=value` under a `[section]` header; start comments with ";" or "#".',
      });
    }
    if (section === undefined) {
      throw new AbeError('config.invalid', `"${logSafeText(key)}" is set before any [section].`, {
        file,
        line,
        hint: 'Put every key under a `[component]` header, or under `[abe]` for the global settings.',
      });
    }
    const previous = keyLines.get(key);
    if (previous !== undefined) {
      throw new AbeError(
        'config.invalid',
        `key "${logSafeText(key)}" is set twice in [${logSafeText(section)}] (lines ${previous} and ${line}).`,
        {
          file,
          line,
          hint: 'Keep one line; list several values on it separated by commas or spaces.',
        },
      );
    }
    keyLines.set(key, line);
    pending = { key, value: [withoutComment(setting[2] ?? '')], line, indent };
  }
  flush();
}

function readSection(
  header: string,
  file: string,
  line: number,
  sectionLines: Map<string, number>,
): string {
  const name = SECTION.exec(header)?.[1]?.trim();
  if (name === undefined || name === '') {
    throw new AbeError(
      'config.invalid',
      `"${logSafeText(header)}" is not a valid section header.`,
      {
        file,
        line,
        hint: 'Write a component section as `[name]` on a line of its own.',
      },
    );
  }
  const previous = sectionLines.get(name);
  if (previous !== undefined) {
    throw new AbeError(
      'config.invalid',
      `section [${logSafeText(name)}] appears twice (lines ${previous} and ${line}).`,
      {
        file,
        line,
        hint: `Merge the two [${logSafeText(name)}] sections into one, or rename one of them.`,
      },
    );
  }
  sectionLines.set(name, line);
  return name;
}

function withoutComment(value: string): string {
  return value.replace(INLINE_COMMENT, '').trim();
}

function unquote(value: string): string {
  if (value.length >= 2) {
    const first = value[0];
    if ((first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  }
  return value;
}
