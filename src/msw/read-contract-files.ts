import { contractError } from '../contract/contract-error.js';
import { invalidUtf8Diagnostic } from '../contract/invalid-utf8.js';
import type { Diagnostic } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { compileGlob } from '../core/compile-glob.js';

// `abe-ts/msw` must load in a browser, so node built-ins are fetched at call time through
// `process.getBuiltinModule` (Node >= 20.16) rather than imported: bundlers never see them.

interface DirectoryEntry {
  readonly name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

interface NodeFs {
  readFileSync(path: string): Uint8Array;
  readdirSync(path: string, options: { withFileTypes: true }): DirectoryEntry[];
  statSync(
    path: string,
    options: { throwIfNoEntry: false },
  ): { isFile(): boolean; isDirectory(): boolean } | undefined;
}

interface NodePath {
  resolve(...paths: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
  join(...paths: string[]): string;
  readonly sep: string;
}

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
  cwd(): string;
}

/** A contract file found on disk: its text and the path to show in messages. */
export interface ContractFile {
  readonly source: string;
  readonly absolute: string;
  readonly text: string;
}

/**
 * Expands a file path, a directory (every `*.json` below, `node_modules` and dot directories
 * skipped) or a glob into contract files, sorted, and reads them synchronously.
 * A pattern that matches nothing is an error: a silent empty set would mock nothing.
 */
export function readContractFiles(pattern: string, cwd: string | undefined): ContractFile[] {
  const { fs, path, process } = nodeBuiltins(pattern);
  const base = cwd ?? process.cwd();
  const absolute = path.resolve(base, pattern);
  const info = fs.statSync(absolute, { throwIfNoEntry: false });
  let files: string[];
  if (info?.isFile()) files = [absolute];
  else if (info?.isDirectory()) files = walk(fs, path, absolute, (file) => file.endsWith('.json'));
  else files = expandGlob(fs, path, base, pattern);
  if (files.length === 0) {
    throw new AbeError(
      'msw.input',
      `mockFromAbe: no contract file matches "${pattern}" (looked in ${base}).`,
      {
        hint: 'Check the path or glob; a directory means every *.json file below it. Relative paths are resolved against opts.cwd (default: the working directory).',
      },
    );
  }
  return files.map((file) => {
    const source = display(path, base, file);
    return { source, absolute: file, text: readText(fs, file, source) };
  });
}

function nodeBuiltins(pattern: string): { fs: NodeFs; path: NodePath; process: NodeProcess } {
  const process = (globalThis as { process?: NodeProcess }).process;
  const fs = process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  const path = process?.getBuiltinModule?.('node:path') as NodePath | undefined;
  if (process === undefined || fs === undefined || path === undefined) {
    throw new AbeError(
      'msw.input',
      `mockFromAbe: cannot read "${pattern}": contract paths need Node.js >= 20.16 (process.getBuiltinModule), and there is no file system in a browser.`,
      {
        hint: 'In a browser, import the contract JSON (`import users from "./users.json" with { type: "json" }`) and pass the object instead of its path.',
      },
    );
  }
  return { fs, path, process };
}

// A character after which a glob may stop meaning itself: the walk starts in the folder before
// it. (`(` only matters in extglobs such as `+(a|b)`; starting earlier costs a little walking.)
const GLOB_SYNTAX = /[*?[{(\\]/;

/**
 * The files that match a glob, found by walking the directory before its first glob character
 * (`contracts` for `contracts/**\/*.json`). A relative glob is matched against paths relative
 * to `base`, so that `[`, `{` or `(` in the name of the working directory stay characters.
 */
function expandGlob(fs: NodeFs, path: NodePath, base: string, pattern: string): string[] {
  const glob = toSlashes(path, pattern);
  const first = glob.search(GLOB_SYNTAX);
  if (first === -1) return [];
  const root = path.resolve(base, glob.slice(0, glob.lastIndexOf('/', first) + 1));
  const info = fs.statSync(root, { throwIfNoEntry: false });
  if (!info?.isDirectory()) return [];
  const matches = compileGlob(glob);
  const relativeTo = path.isAbsolute(pattern) ? undefined : base;
  return walk(fs, path, root, (file) =>
    matches(toSlashes(path, relativeTo === undefined ? file : path.relative(relativeTo, file))),
  );
}

function walk(
  fs: NodeFs,
  path: NodePath,
  directory: string,
  accept: (file: string) => boolean,
): string[] {
  const found: string[] = [];
  const pending = [directory];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const entry of fs.readdirSync(next, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(next, entry.name);
      // Linked files count; linked directories are not followed, so a link cycle cannot loop.
      const kind = entry.isSymbolicLink() ? fs.statSync(full, { throwIfNoEntry: false }) : entry;
      if (kind?.isFile()) {
        if (accept(full)) found.push(full);
      } else if (entry.isDirectory()) pending.push(full);
    }
  }
  return found.sort();
}

/** The file's text; bytes that are not UTF-8 are a `contract.parse` error at the first bad one. */
function readText(fs: NodeFs, file: string, source: string): string {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new AbeError(
      'contract.read',
      `cannot read contract ${source}: ${(error as Error).message}.`,
      {
        file: source,
        hint: 'Check the file permissions, or pass the parsed contract instead of its path.',
        cause: error,
      },
    );
  }
  try {
    // Fatal, so a bad byte throws instead of becoming U+FFFD; the byte order mark is kept for
    // the parser to skip, as node's own decoding keeps it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw contractError([invalidUtf8Diagnostic(bytes, source) as Diagnostic]);
  }
}

function toSlashes(path: NodePath, file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

function display(path: NodePath, base: string, file: string): string {
  const relative = path.relative(base, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : toSlashes(path, relative);
}
