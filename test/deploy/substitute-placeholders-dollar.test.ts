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
