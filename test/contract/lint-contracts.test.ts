import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintContracts } from '../../src/index.js';

/** 1-based line and column of the first occurrence of `needle` in a fixture (after `from` when given). */
function positionOf(file: string, needle: string, from = ''): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const offset = text.indexOf(needle, from === '' ? 0 : text.indexOf(from) + from.length);
  if (offset === -1) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const broken = 'fixtures/contracts/broken';

describe('lintContracts', () => {
  test('the plain ABE files of every shape lint without errors', async () => {
    const result = await lintContracts(['fixtures/contracts/valid']);
    expect(result.files).toHaveLength(6);
    // Only the warnings of the file that shows integer labels keeping their order.
    expect(result.diagnostics.map(({ file, code, severity }) => [file, code, severity])).toEqual([
      ['fixtures/contracts/valid/numeric-labels.json', 'label.numeric', 'warning'],
      ['fixtures/contracts/valid/numeric-labels.json', 'label.numeric', 'warning'],
    ]);
  });

  test.each([
    ['invalid-json.json', 'json.syntax', '200,', 'trailing comma'],
    ['duplicate-label.json', 'json.duplicate-key', '"OK"', 'duplicate key "OK"', '"OK"'],
    [
      'schema-missing-status.json',
      'schema',
      '"response"',
      'missing the required property "status"',
    ],
    ['url-no-match.json', 'url.no-match', '"url": "/users/abc"', '"/users/abc"'],
    ['invalid-pattern.json', 'url.invalid-pattern', '"url"', 'not a valid regular expression'],
    ['unknown-method.json', 'method.unknown', '"method"', '"FETCH"'],
    ['status-range.json', 'status.range', '"status"', 'status 999 is outside 100–599'],
    ['body-not-json.json', 'body.not-json', '"body"', 'not JSON'],
    ['body-not-text.json', 'body.not-text', '"body"', 'Content-Type "text/plain" is not JSON'],
    ['body-on-get.json', 'request.body-not-allowed', '"body"', 'gives a GET request a body'],
    ['no-examples.json', 'examples.empty', '"examples"', 'no examples'],
    ['request-url-missing.json', 'request.url-missing', '"OK"', 'is a pattern'],
    // Regression: V8's RegExp took 21 s to refuse this request url; lint answers at once.
    ['redos-pattern.json', 'url.no-match', '"url": "/a/aaa', '"/a/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"'],
    ['unsafe-pattern.json', 'url.unsafe-pattern', '"url"', 'a backreference (\\1)'],
  ])('%s reports %s at its line and column', async (name, code, needle, message, from = '') => {
    const file = `${broken}/${name}`;
    const { diagnostics } = await lintContracts([file]);
    expect(diagnostics).toHaveLength(1);
    const [diagnostic] = diagnostics;
    let expected = positionOf(file, needle, from);
    // A trailing comma is reported at the comma itself.
    if (code === 'json.syntax') expected = { line: expected.line, column: expected.column + 3 };
    expect(diagnostic).toMatchObject({ file, code, severity: 'error', ...expected });
    expect(diagnostic?.message).toContain(message);
  });

  test('a response header HTTP cannot carry is reported at the header, request and response alike', async () => {
    // Regression: these passed lint, and every mocked request that reached them answered 500.
    const file = `${broken}/header-invalid.json`;
    const { diagnostics } = await lintContracts([file]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'header.invalid',
        pointer: '/examples/OK/request/headers/X Trace',
        ...positionOf(file, '"X Trace"'),
        message: expect.stringContaining('"X Trace" is not an HTTP token (a space is not allowed)'),
      }),
      expect.objectContaining({
        code: 'header.invalid',
        pointer: '/examples/OK/response/headers/X-Note',
        ...positionOf(file, '"X-Note"'),
        message: expect.stringContaining('a line break (U+000A)'),
      }),
      expect.objectContaining({
        code: 'header.invalid',
        pointer: '/examples/OK/response/headers/X-Arrow',
        ...positionOf(file, '"X-Arrow"'),
        message: expect.stringContaining('"→" (U+2192)'),
      }),
    ]);
  });

  test('schema problems and problems of meaning are reported together, with a suggested method', async () => {
    // Regression: a schema problem hid every other one, so one broken file took five runs.
    const file = `${broken}/many-problems.json`;
    const { diagnostics } = await lintContracts([file]);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['method.unknown', '/method'],
      ['schema', '/examples/OK/response'],
      ['url.no-match', '/examples/not found/request/url'],
    ]);
    expect(diagnostics[0]).toMatchObject({
      ...positionOf(file, '"method"'),
      message: expect.stringContaining('unknown HTTP method "GTE"'),
    });
    expect(diagnostics[0]?.message).toMatch(/Did you mean "GET"\?$/);
    expect(diagnostics[1]?.message).toContain('missing the required property "status"');
  });

  test('after a JSON syntax error nothing else is reported: what follows is noise', async () => {
    const { diagnostics } = await lintContracts([`${broken}/invalid-json.json`]);
    expect(diagnostics.map((d) => d.code)).toEqual(['json.syntax']);
  });

  test(':id, {userId} and [^/]+ are one endpoint: the later files are duplicates', async () => {
    const dir = 'fixtures/contracts/duplicate-parameters';
    const { diagnostics } = await lintContracts([dir]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: `${dir}/b.json`,
        code: 'endpoint.duplicate',
        message: `GET /users/{userId} is already described by ${dir}/a.json (as GET /users/:id): merge the examples into one file, or change the method or url.`,
      }),
      expect.objectContaining({
        file: `${dir}/c.json`,
        code: 'endpoint.duplicate',
        message: expect.stringContaining('GET /users/[^/]+ is already described by'),
      }),
    ]);
  });

  test('a file that is not UTF-8 is reported at its first bad byte, not read with U+FFFD', async () => {
    // Regression: "caf\xe9" (Latin-1) was read as "caf\uFFFD" and linted clean.
    const file = `${broken}/latin-1.json`;
    const { diagnostics } = await lintContracts([file]);
    const line = readFileSync(file, 'latin1').split('\n')[4] ?? '';
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file,
        code: 'json.invalid-utf8',
        line: 5,
        column: line.indexOf('é') + 1,
        message: expect.stringContaining('byte 0xE9'),
      }),
    ]);
  });

  test('a body nested 10,000 deep is a diagnostic of its file, and the other files are still linted', async () => {
    // Regression: lint died with "internal error: RangeError" and reported nothing.
    const dir = await mkdtemp(join(tmpdir(), 'abe-deep-'));
    try {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      // The body opens at level 5 (document, examples, OK, response, body).
      const beforeBody = '  "examples": { "OK": { "response": { "status": 200, "body": ';
      await writeFile(
        join(dir, 'deep.json'),
        `{\n  "url": "/deep",\n  "method": "GET",\n${beforeBody}${deep} } } }\n}\n`,
      );
      await writeFile(
        join(dir, 'other.json'),
        JSON.stringify({
          url: '/other',
          method: 'GTE',
          examples: { OK: { response: { status: 200 } } },
        }),
      );
      const { diagnostics } = await lintContracts(['.'], { cwd: dir });
      expect(diagnostics).toEqual([
        expect.objectContaining({
          file: 'deep.json',
          code: 'json.too-deep',
          pointer: '/examples/OK/response/body',
          line: 4,
          // At the first "[" past level 1,000.
          column: beforeBody.length + 1 + (1001 - 5),
        }),
        expect.objectContaining({ file: 'other.json', code: 'method.unknown' }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the same method and url in two files is reported on the second', async () => {
    const { diagnostics } = await lintContracts(['fixtures/contracts/duplicate-endpoint']);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'fixtures/contracts/duplicate-endpoint/b.json',
        code: 'endpoint.duplicate',
        line: 3,
        column: 3,
        message: expect.stringContaining('fixtures/contracts/duplicate-endpoint/a.json'),
      }),
    ]);
  });

  test('endpoints that only share a hash are not duplicates; a real repeat among them is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-hash-'));
    try {
      const contract = (url: string): string =>
        JSON.stringify({ url, method: 'GET', examples: { OK: { response: { status: 200 } } } });
      // "GET /items/91549" and "GET /items/619592" have the same 30-bit hash, by search.
      await writeFile(join(dir, 'a.json'), contract('/items/91549'));
      await writeFile(join(dir, 'b.json'), contract('/items/619592'));
      await writeFile(join(dir, 'c.json'), contract('/items/619592'));
      await writeFile(join(dir, 'd.json'), contract('/items/7'));
      const { diagnostics } = await lintContracts(['.'], { cwd: dir });
      expect(diagnostics).toEqual([
        expect.objectContaining({
          file: 'c.json',
          code: 'endpoint.duplicate',
          message:
            'GET /items/619592 is already described by b.json: merge the examples into one file, or change the method or url.',
        }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('files larger than the read buffer lint whole, with positions past its end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-large-'));
    try {
      const examples = Object.fromEntries(
        Array.from({ length: 2000 }, (_, index) => [
          `case ${index}`,
          { request: { url: `/items/${index}` }, response: { status: 200, body: { index } } },
        ]),
      );
      const text = JSON.stringify({ url: '/items/[0-9]+', method: 'GET', examples }, null, 2);
      expect(text.length).toBeGreaterThan(200_000);
      await writeFile(join(dir, 'clean.json'), text);
      // The same file with the last example's url broken, far beyond the first 64 KiB.
      const broken = text.replace('"/items/1999"', '"/things/1999"');
      await writeFile(join(dir, 'broken.json'), broken);

      const result = await lintContracts(['clean.json', 'broken.json'], { cwd: dir });
      expect(result.diagnostics).toHaveLength(1);
      const lines = broken.slice(0, broken.indexOf('"/things/1999"')).split('\n');
      expect(result.diagnostics[0]).toMatchObject({
        file: 'broken.json',
        code: 'url.no-match',
        line: lines.length,
        pointer: '/examples/case 1999/request/url',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('files found in a directory come back in path order, whatever the walk order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-order-'));
    try {
      const contract = (url: string): string =>
        JSON.stringify({ url, method: 'GET', examples: { OK: { response: { status: 200 } } } });
      await mkdir(join(dir, 'c/a'), { recursive: true });
      // A walk visits a/ before a-b.json, but '-' and '.' sort before '/'.
      await writeFile(join(dir, 'c/a/x.json'), contract('/x'));
      await writeFile(join(dir, 'c/a-b.json'), contract('/a-b'));
      await writeFile(join(dir, 'c/a.json'), contract('/a'));
      const result = await lintContracts(['c'], { cwd: dir });
      expect(result.files).toEqual([
        join('c', 'a-b.json'),
        join('c', 'a.json'),
        join('c', 'a', 'x.json'),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a linked contract is linted; linked directories, dot entries and node_modules are not walked; a directory named *.json is reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-links-'));
    try {
      await mkdir(join(dir, 'shared'));
      await mkdir(join(dir, 'c/deep'), { recursive: true });
      await mkdir(join(dir, 'c/odd.json'));
      await writeFile(
        join(dir, 'shared/users.json'),
        JSON.stringify({
          url: '/users',
          method: 'GET',
          examples: { OK: { response: { status: 200 } } },
        }),
      );
      await symlink(join(dir, 'shared/users.json'), join(dir, 'c/users.json'));
      // A link back up the tree: walking it would never end.
      await symlink(join(dir, 'c'), join(dir, 'c/deep/loop'));
      await writeFile(join(dir, 'c/deep/notes.md'), 'not a contract');
      // abe's own reports, tool settings and installed packages are not contracts.
      await mkdir(join(dir, 'c/.abe'));
      await writeFile(join(dir, 'c/.abe/test-results.json'), '{"numTotalTests": 3}');
      await writeFile(join(dir, 'c/.prettierrc.json'), '{}');
      await mkdir(join(dir, 'c/node_modules/pkg'), { recursive: true });
      await writeFile(join(dir, 'c/node_modules/pkg/package.json'), '{}');
      const result = await lintContracts(['c'], { cwd: dir });
      expect(result.files).toEqual([join('c', 'odd.json'), join('c', 'users.json')]);
      expect(result.diagnostics).toMatchObject([
        {
          file: join('c', 'odd.json'),
          code: 'file.read',
          message: expect.stringContaining('is a directory'),
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('globs, directories and files combine without repeats', async () => {
    const { files } = await lintContracts([
      'fixtures/contracts/valid/*.json',
      'fixtures/contracts/valid',
      'fixtures/contracts/valid/users-get.json',
    ]);
    expect(files).toHaveLength(6);
    expect(files).toContain('fixtures/contracts/valid/users-get.json');
  });

  test('a pattern that matches no file is an error, not a clean result', async () => {
    await expect(lintContracts(['fixtures/contracts/nothing-here/*.json'])).rejects.toMatchObject({
      code: 'lint.no-match',
    });
  });
});
