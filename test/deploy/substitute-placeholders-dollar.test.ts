// biome-ignore-all lint/suspicious/noTemplateCurlyInString: literal ${…} placeholders are what these tests are about
import { describe, expect, test } from 'vitest';
import { substitutePlaceholders } from '../../src/deploy/substitute-placeholders.js';

const lookup = (name: string): string | undefined => (name === 'A' ? 'tea' : undefined);

describe('substitutePlaceholders with a lone $ beside a placeholder', () => {
  test('a $ not followed by { after a placeholder stays as written', () => {
    expect(substitutePlaceholders('${A} costs $5', lookup)).toEqual({
      value: 'tea costs $5',
      problems: [],
      changed: true,
    });
  });

  test('a $ not followed by { before a placeholder stays as written', () => {
    expect(substitutePlaceholders('$5 buys ${A}$', lookup)).toEqual({
      value: '$5 buys tea$',
      problems: [],
      changed: true,
    });
  });

  test('a lone $ before a $${ escape stays, and the escape still makes a literal ${', () => {
    expect(substitutePlaceholders('$$${B}', lookup)).toEqual({
      value: '$${B}',
      problems: [],
      changed: true,
    });
  });

  test('text with a lone $ and no placeholder is unchanged and says so', () => {
    expect(substitutePlaceholders('costs $5 or $$6', lookup)).toEqual({
      value: 'costs $5 or $$6',
      problems: [],
      changed: false,
    });
  });
});

describe('substitutePlaceholders keeps a malformed placeholder as written', () => {
  const typed = (name: string) => (name === 'N' ? 3 : name === 'A' ? 'tea' : undefined);

  test('a bad name is kept verbatim and the text after it is still substituted', () => {
    expect(substitutePlaceholders('a ${bad-name} b ${A}', typed)).toEqual({
      value: 'a ${bad-name} b tea',
      problems: [{ name: 'bad-name', index: 2, kind: 'syntax' }],
      changed: true,
    });
  });

  test('an unterminated placeholder keeps the rest of the text as written', () => {
    expect(substitutePlaceholders('${A} then ${A', typed)).toEqual({
      value: 'tea then ${A',
      problems: [{ name: 'A', index: 10, kind: 'syntax' }],
      changed: true,
    });
  });

  test('a typed value keeps its type only when the placeholder is the whole string', () => {
    expect(substitutePlaceholders('${N}', typed).value).toBe(3);
    expect(substitutePlaceholders('x${N}', typed).value).toBe('x3');
    expect(substitutePlaceholders('${N}x', typed).value).toBe('3x');
  });

  test('an unresolved whole-string placeholder stays as written, with its problem', () => {
    expect(substitutePlaceholders('${B}', typed)).toEqual({
      value: '${B}',
      problems: [{ name: 'B', index: 0, kind: 'unresolved' }],
      changed: true,
    });
  });
});
