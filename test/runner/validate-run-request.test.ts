import { expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { validateRunRequest } from '../../src/runner/validate-run-request.js';
import { configOf } from './runner-fixtures.js';

const config = configOf('/repo', [{ name: 'api' }, { name: 'integration-tests' }]);

function errorOf(run: () => void): AbeError {
  try {
    run();
  } catch (error) {
    if (error instanceof AbeError) return error;
    throw error;
  }
  throw new Error('expected an AbeError');
}

test('known components and a whole -j of at least 1 pass', () => {
  expect(() => validateRunRequest(config, ['integration-tests', 'api'], 1)).not.toThrow();
  expect(() => validateRunRequest(config, [], 64)).not.toThrow();
});

test('a -j below 1 or not whole is a usage error that quotes it', () => {
  for (const concurrency of [0, -2, 1.5, Number.NaN]) {
    const error = errorOf(() => validateRunRequest(config, ['api'], concurrency));
    expect(error.code).toBe('usage');
    expect(error.message).toBe(`-j must be a whole number of at least 1, not "${concurrency}".`);
  }
});

test('an unknown component names the config file, suggests the right one and lists them all', () => {
  const error = errorOf(() => validateRunRequest(config, ['api', 'intgration-tests'], 2));
  expect(error.code).toBe('config.unknown-component');
  expect(error.message).toBe(
    '"intgration-tests" is not a component of /repo/builder.ini. Did you mean "integration-tests"?\nComponents: api, integration-tests.',
  );
});

test('-j is checked before the component names', () => {
  expect(errorOf(() => validateRunRequest(config, ['nope'], 0)).code).toBe('usage');
});
