import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';

/** The example of `contract` labelled `label`; an unknown label lists the labels there are. */
export function findExample(contract: Contract, label: string): Example {
  const example = contract.examples.find((candidate) => candidate.label === label);
  if (example !== undefined) return example;
  const labels = contract.examples.map((candidate) => candidate.label);
  throw new AbeError(
    'contract.label',
    `${contract.source} has no example labelled "${label}".${didYouMean(label, labels)}`,
    {
      hint: `Its examples are: ${labels.map((known) => JSON.stringify(known)).join(', ')}. Labels are the keys of "examples" (the indexes "0", "1", … when it is an array).`,
    },
  );
}
