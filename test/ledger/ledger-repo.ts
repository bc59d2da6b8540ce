// A repository on disk for the ledger's tests: builder.ini, contracts, and ledger lines written
// the way the recorders write them (one file per process, one JSON line per event).
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseContract } from '../../src/contract/parse-contract.js';
import { exampleMeaningHash } from '../../src/ledger/example-meaning-hash.js';
import type { LedgerEntry, LedgerOutcome } from '../../src/ledger/ledger-entry.js';

export const BUILDER_INI = `[api]
path = api
contracts = contracts/**/*.json

[mailer]
path = mailer
consumes = api

[ui]
path = ui
consumes = api
`;

export const USERS_GET = `{
  "url": "/users/[0-9]+",
  "method": "GET",
  "examples": {
    "OK": {
      "request": { "url": "/users/1" },
      "response": { "status": 200, "body": { "id": 1, "name": "Ada" } }
    },
    "not found": {
      "request": { "url": "/users/9" },
      "response": { "status": 404, "body": { "detail": "Not found." } }
    }
  }
}
`;

export const ORDERS_LIST = `{
  "url": "/orders",
  "method": "GET",
  "examples": {
    "OK": { "response": { "status": 200, "body": [] } }
  }
}
`;

export interface LedgerRepo {
  readonly root: string;
  write(file: string, text: string): Promise<void>;
  /** Appends lines to `.abe/ledger/<process>.jsonl`, hashing the example as it is on disk now. */
  record(process: string, lines: readonly LineSpec[]): Promise<void>;
  /** Writes `.abe/ledger/run.json`. */
  runFile(all: boolean, components?: readonly string[]): Promise<void>;
  cleanup(): Promise<void>;
}

export interface LineSpec {
  readonly component: string | null;
  readonly contract: string;
  readonly label: string;
  readonly outcome: LedgerOutcome;
  /** A meaning hash to write instead of the current one (a line about an older version). */
  readonly meaning?: string;
}

/** Makes a repository with the api's users/get.json and orders/list.json, and mailer and ui. */
export async function makeLedgerRepo(ini = BUILDER_INI): Promise<LedgerRepo> {
  const root = await mkdtemp(join(tmpdir(), 'abe-ledger-'));
  const contents = new Map<string, string>();
  const write = async (file: string, text: string): Promise<void> => {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
    contents.set(file, text);
  };
  await write('builder.ini', ini);
  await write('api/contracts/users/get.json', USERS_GET);
  await write('api/contracts/orders/list.json', ORDERS_LIST);
  await mkdir(join(root, 'mailer'), { recursive: true });
  await mkdir(join(root, 'ui'), { recursive: true });
  const ledger = join(root, '.abe/ledger');
  return {
    root,
    write,
    async record(process, lines) {
      await mkdir(ledger, { recursive: true });
      const text = lines
        .map((spec) => {
          const source = contents.get(spec.contract);
          const contract =
            source === undefined ? undefined : parseContract(source, { source: spec.contract });
          const example = contract?.examples.find((e) => e.label === spec.label);
          const entry: LedgerEntry = {
            v: 1,
            side: spec.outcome === 'passed' || spec.outcome === 'failed' ? 'provider' : 'consumer',
            component: spec.component,
            contract: spec.contract,
            endpoint: contract === undefined ? 'GET /x' : `${contract.method} ${contract.url}`,
            label: spec.label,
            meaning:
              spec.meaning ??
              (contract !== undefined && example !== undefined
                ? exampleMeaningHash(contract, example)
                : '0000000000000000'),
            outcome: spec.outcome,
            tool:
              spec.outcome === 'passed' || spec.outcome === 'failed'
                ? 'expectMatchesExample'
                : 'mockFromAbe',
            at: new Date(0).toISOString(),
          };
          return `${JSON.stringify(entry)}\n`;
        })
        .join('');
      await appendFile(join(ledger, `${process}.jsonl`), text);
    },
    async runFile(all, components = ['api', 'mailer', 'ui']) {
      await mkdir(ledger, { recursive: true });
      await writeFile(
        join(ledger, 'run.json'),
        JSON.stringify({
          v: 1,
          command: 'check',
          all,
          components,
          startedAt: new Date(0).toISOString(),
          head: null,
        }),
      );
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
