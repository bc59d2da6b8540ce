import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';

/**
 * Resolves `opts.examples` (file key → label) and `opts.example` (label for every contract)
 * into the example each contract answers with. A file key names a contract by the end of its
 * path, on whole segments (`users/get.json` names `contracts/users/get.json`, `get.json` names
 * it too when no other contract ends that way), or by endpoint (`GET /users/[0-9]+`).
 * Unknown keys, ambiguous keys and unknown labels are errors, so a typo cannot silently
 * leave a test on the default example.
 *
 * @example
 * pinExamples(contracts, { 'users/get.json': 'not found' }, undefined).get(users)?.label // 'not found'
 */
export function pinExamples(
  contracts: readonly Contract[],
  byFile: Readonly<Record<string, string>> | undefined,
  forAll: string | undefined,
): Map<Contract, Example> {
  const pins = new Map<Contract, Example>();
  if (forAll !== undefined) pinAll(pins, contracts, String(forAll));
  for (const [key, written] of Object.entries(byFile ?? {})) {
    // Labels are text: a caller writing `{ 'users/get.json': 404 }` means the label "404".
    const label = String(written);
    const contract = contractForKey(contracts, key);
    const example = findLabel(contract, label);
    if (example === undefined) {
      const labels = contract.examples.map((candidate) => candidate.label);
      throw new AbeError(
        'msw.example',
        `mockFromAbe: opts.examples pins "${key}" to "${label}", but ${contract.source} has no example with that label (labels: ${labels.map((name) => `"${name}"`).join(', ')}).${didYouMean(label, labels)}`,
        { hint: 'Use one of the labels of the examples object of the contract.' },
      );
    }
    pins.set(contract, example);
  }
  return pins;
}

/** Pins `forAll` (opts.example) on every contract, or says which contracts lack it. */
function pinAll(
  pins: Map<Contract, Example>,
  contracts: readonly Contract[],
  forAll: string,
): void {
  const lacking = contracts.filter((contract) => findLabel(contract, forAll) === undefined);
  if (lacking.length > 0) {
    const labels = lacking[0]?.examples.map((example) => example.label) ?? [];
    throw new AbeError(
      'msw.example',
      `mockFromAbe: opts.example is "${forAll}", but ${lacking.map((contract) => contract.source).join(', ')} ${lacking.length === 1 ? 'has' : 'have'} no example with that label (labels: ${labels.map((label) => `"${label}"`).join(', ')}).${didYouMean(forAll, labels)}`,
      {
        hint: 'opts.example pins every contract passed; to pin some files only, use opts.examples: { "users/get.json": "not found" }.',
      },
    );
  }
  for (const contract of contracts) pins.set(contract, findLabel(contract, forAll) as Example);
}

function findLabel(contract: Contract, label: string): Example | undefined {
  return contract.examples.find((example) => example.label === label);
}

function contractForKey(contracts: readonly Contract[], key: string): Contract {
  const wanted = normalise(key);
  const found = contracts.filter(
    (contract) =>
      `${contract.method} ${contract.pattern.source}` === key ||
      endsWithSegments(normalise(contract.source), wanted),
  );
  if (found.length === 1) return found[0] as Contract;
  const sources = contracts.map((contract) => contract.source);
  if (found.length === 0) {
    throw new AbeError(
      'msw.example',
      `mockFromAbe: opts.examples names "${key}", which is none of the contracts passed.${didYouMean(key, sources)}`,
      {
        hint: `Name a contract by the end of its path (e.g. "users/get.json") or by endpoint (e.g. "GET /users/[0-9]+"). Contracts: ${sources.slice(0, 10).join(', ')}${sources.length > 10 ? ', …' : ''}.`,
      },
    );
  }
  throw new AbeError(
    'msw.example',
    `mockFromAbe: opts.examples names "${key}", which fits ${found.length} contracts: ${found.map((contract) => contract.source).join(', ')}.`,
    { hint: 'Write more of the path, so that it names exactly one contract.' },
  );
}

function normalise(path: string): string {
  return path.replaceAll('\\', '/').replace(/^\.\//, '');
}

function endsWithSegments(source: string, key: string): boolean {
  return source === key || (source.endsWith(key) && source[source.length - key.length - 1] === '/');
}
