// biome-ignore-all lint/suspicious/noTemplateCurlyInString: literal ${…} placeholders are what these tests are about
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { VariableValue } from '../../src/deploy/deploy-config.js';
import { renderManifests } from '../../src/deploy/render-manifests.js';
import { substitutePlaceholders } from '../../src/deploy/substitute-placeholders.js';

function lookupFrom(values: Record<string, VariableValue>) {
  const map = new Map(Object.entries(values));
  return (name: string) => map.get(name);
}

function render(text: string, values: Record<string, VariableValue>) {
  return renderManifests(text, {
    file: 't.yaml',
    relativePath: 't.yaml',
    source: 'template',
    lookup: lookupFrom(values),
  });
}

describe('substitutePlaceholders', () => {
  test('replaces each placeholder once and never scans a replacement again', () => {
    const result = substitutePlaceholders('${A}-${B}', lookupFrom({ A: '${B}', B: 'b' }));
    expect(result).toEqual({ value: '${B}-b', problems: [], changed: true });
  });

  test('$${ is a literal ${, and a lone $ or $$ stays as written', () => {
    expect(substitutePlaceholders('$${A} $ $$ $x', lookupFrom({ A: 'a' })).value).toBe(
      '${A} $ $$ $x',
    );
  });

  test('an unknown name and malformed placeholders are reported with their offsets', () => {
    const result = substitutePlaceholders('x ${NOPE} ${a-b} ${open', lookupFrom({}));
    expect(result.problems).toEqual([
      { name: 'NOPE', index: 2, kind: 'unresolved' },
      { name: 'a-b', index: 10, kind: 'syntax' },
      { name: 'open', index: 17, kind: 'syntax' },
    ]);
  });

  test('a whole-string placeholder keeps the variable’s type; a partial one becomes text', () => {
    expect(substitutePlaceholders('${N}', lookupFrom({ N: 3 })).value).toBe(3);
    expect(substitutePlaceholders('n=${N}', lookupFrom({ N: 3 })).value).toBe('n=3');
  });
});

describe('renderManifests', () => {
  test('a number variable in a plain scalar is a number, in a quoted scalar a string', () => {
    const { manifests } = render('a: ${N}\nb: "${N}"\nc: ${S}\n', { N: 3, S: 'true' });
    expect(manifests[0]?.object).toEqual({ a: 3, b: '3', c: 'true' });
  });

  test('placeholders in block scalars are substituted and reported on their own line', () => {
    const { manifests, problems } = render('script: |\n  echo ${A}\n  echo ${MISSING}\n', {
      A: 'a',
    });
    expect(problems).toMatchObject([{ line: 3, message: expect.stringContaining('${MISSING}') }]);
    expect(manifests[0]?.object).toEqual({ script: 'echo a\necho ${MISSING}\n' });
  });

  test('every document of a file is rendered, and empty documents are skipped but counted', () => {
    const { manifests } = render('a: ${A}\n---\n---\nb: ${A}\n', { A: 'x' });
    expect(manifests.map((m) => [m.document, m.object])).toEqual([
      [1, { a: 'x' }],
      [3, { b: 'x' }],
    ]);
  });

  test('static manifests are taken as written', () => {
    const { manifests, problems } = renderManifests('a: ${A}\n', {
      file: 's.yaml',
      relativePath: 's.yaml',
      source: 'static',
    });
    expect(problems).toEqual([]);
    expect(manifests[0]?.object).toEqual({ a: '${A}' });
  });

  test('ordinary anchors and aliases are expanded, placeholders in them substituted once', () => {
    const { manifests, problems } = render('a: &env [{name: X, value: "${A}"}]\nb: *env\n', {
      A: 'x',
    });
    expect(problems).toEqual([]);
    expect(manifests[0]?.object).toEqual({
      a: [{ name: 'X', value: 'x' }],
      b: [{ name: 'X', value: 'x' }],
    });
  });

  test('a quoted "<<" key is refused as well: written out plain, kubectl would merge it', () => {
    const { manifests, problems } = render('a: 1\nb:\n  "<<": {c: 2}\n', {});
    expect(manifests).toEqual([]);
    expect(problems).toMatchObject([
      { file: 't.yaml', line: 3, message: expect.stringContaining('"<<" is a YAML merge key') },
    ]);
  });

  test('lineOf finds the source line of a path, or of its closest parent', () => {
    const { manifests } = render('a:\n  b:\n    - x\n    - y\n', {});
    expect(manifests[0]?.lineOf(['a', 'b', 1])).toBe(4);
    expect(manifests[0]?.lineOf(['a', 'missing'])).toBe(2);
  });

  test('no value of any kind changes the structure of the rendered document', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const { manifests, problems, text } = render(
          'kind: ConfigMap\ndata:\n  plain: ${V}\n  quoted: "${V}"\n  mixed: pre-${V}-post\n  block: |\n    ${V}\n',
          { V: value },
        );
        expect(problems).toEqual([]);
        expect(manifests).toHaveLength(1);
        expect(manifests[0]?.object).toEqual({
          kind: 'ConfigMap',
          data: { plain: value, quoted: value, mixed: `pre-${value}-post`, block: `${value}\n` },
        });
        expect(render(text, {}).manifests[0]?.object).toEqual(manifests[0]?.object);
      }),
      { numRuns: 150 },
    );
  });
});
