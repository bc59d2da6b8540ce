import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import type { ExampleLabel } from './types.js';

/**
 * The example of `contract` labelled `label`; an unknown label lists the labels there are.
 * A number names the label of its decimal text, so `0` finds the first example of an array.
 */
export function findExample(contract: Contract, label: ExampleLabel): Example {
  // Labels come from JavaScript callers too: anything that is not a string is compared, and
  // suggested from, as its text rather than crashing the suggestion.
  const wanted = String(label);
  const example = contract.examples.find((candidate) => candidate.label === wanted);
  if (example !== undefined) return example;
  const labels = contract.examples.map((candidate) => candidate.label);
  throw new AbeError(
    'contract.label',
    `${contract.source} has no example labelled "${wanted}".${didYouMean(wanted, labels)}`,
    {
      hint: `Its examples are: ${labels.map((known) => JSON.stringify(known)).join(', ')}. Labels are the keys of "examples" (the indexes "0", "1", … when it is an array).`,
    },
  );
}
