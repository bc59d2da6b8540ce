import type { Component } from '../config/types.js';
import { lockedLabels, type UsageLock } from '../contract/usage-lock.js';
import type { ContractChange } from './compare-contract-versions.js';

/** A consumer a contract change reruns, with the reason's text. */
export interface SelectedConsumer {
  readonly name: string;
  readonly detail: string;
}

/** A consumer `precision = example` leaves out: it uses none of the changed examples. */
export interface LeftOutConsumer {
  readonly name: string;
  readonly contract: string;
  /** The labels of the contract the lock says it uses (may be none). */
  readonly uses: readonly string[];
}

export interface ContractConsumers {
  readonly selected: readonly SelectedConsumer[];
  readonly leftOut: readonly LeftOutConsumer[];
}

/** The usage lock and its path as the reasons name it, when `precision = example`. */
export interface ExamplePrecision {
  readonly lock: UsageLock;
  /** `abe-usage.json`, as builder.ini's `usage-file` says. */
  readonly shown: string;
}

/**
 * The consumers a changed contract reruns. With contract precision (no `precision` given),
 * every consumer of the provider. With example precision, only those the usage lock says use a
 * changed or removed example; a change of the contract-wide terms, a side that does not
 * parse, an added or deleted file, or a consumer the lock knows no use of for this provider at
 * all reruns every consumer it concerns (fail safe); an added example reruns nobody.
 *
 * @example
 * selectContractConsumers(change, 'api/users/get.json', 'contract … changed: …', api, components, precision)
 * // { selected: [{ name: 'ui', detail: '… (used by this component per abe-usage.json)' }], leftOut: [{ name: 'mailer', … }] }
 */
export function selectContractConsumers(
  change: Exclude<ContractChange, { kind: 'same' }>,
  file: string,
  detail: string,
  provider: Component,
  components: readonly Component[],
  precision: ExamplePrecision | undefined,
): ContractConsumers {
  const consumers = components.filter((c) => c.consumes.includes(provider.name));
  if (precision === undefined || change.kind !== 'changed' || change.examples.wide) {
    return { selected: consumers.map((c) => ({ name: c.name, detail })), leftOut: [] };
  }
  const touched = new Set([...change.examples.changed, ...change.examples.removed]);
  const selected: SelectedConsumer[] = [];
  const leftOut: LeftOutConsumer[] = [];
  for (const consumer of consumers) {
    if (!knowsConsumer(precision.lock, provider, consumer.name)) {
      selected.push({
        name: consumer.name,
        detail: `${detail} (${precision.shown} names no use of ${provider.name}'s contracts by this component, so every change reruns it)`,
      });
      continue;
    }
    const uses = lockedLabels(precision.lock, file, consumer.name);
    const hit = uses.filter((label) => touched.has(label));
    if (hit.length === 0) {
      leftOut.push({ name: consumer.name, contract: file, uses });
      continue;
    }
    const names = hit.map((label) => `example ${JSON.stringify(label)}`);
    const changes = change.changes.filter((text) =>
      names.some((name) => text === name || text.startsWith(`${name} `)),
    );
    selected.push({
      name: consumer.name,
      detail: `contract ${file} changed: ${changes.join(', ')} (used by this component per ${precision.shown})`,
    });
  }
  return { selected, leftOut };
}

/**
 * Whether the lock names the consumer for any example of the provider's contracts: a consumer
 * it never mentions may use them in ways the ledger did not see, so it is not narrowed.
 */
function knowsConsumer(lock: UsageLock, provider: Component, consumer: string): boolean {
  const prefix = provider.path === '.' ? '' : `${provider.path}/`;
  return Object.entries(lock.contracts).some(
    ([file, examples]) =>
      file.startsWith(prefix) && Object.values(examples).some((names) => names.includes(consumer)),
  );
}
