// matchResponse on two 1 MB JSON bodies, against node:util isDeepStrictEqual on the same data:
// equal bodies, bodies differing in one leaf (the last one, so both walk the whole body), and
// equal bodies with nonStrict paths. Both bodies are parsed separately, so no shared references.
// A last row times matching with rules (type, regex, nullable, each-like) against matching the
// same example without them: the target is at most 1.5× (issue 21).
// Usage: node bench/match/match-bench.js  (build the repository first: npm run build)
import { isDeepStrictEqual } from 'node:util';
import { formatMismatches, matchResponse } from '../../dist/index.js';
import { median, ms, printTable, ratio } from '../shared/measure.js';

const RUNS = Number(process.env.RUNS ?? 40);
const TARGET_BYTES = 1_000_000;

function makeBody() {
  const items = [];
  let text = '[]';
  for (let id = 0; text.length < TARGET_BYTES; id += 1) {
    items.push({
      id,
      name: `item ${id}`,
      price: Math.round(id * 137.31) / 100,
      available: id % 3 !== 0,
      discount: id % 5 === 0 ? null : id % 7,
      tags: ['alpha', 'beta', `t${id % 13}`],
      owner: { id: id % 97, username: `user${id % 97}`, url: `/users/${id % 97}` },
      sizes: [
        { label: 'S', stock: id % 4 },
        { label: 'M', stock: id % 6 },
      ],
    });
    if (id % 500 === 0) text = JSON.stringify({ total: items.length, items });
  }
  return JSON.stringify({ total: items.length, items });
}

/** Times `fn` RUNS times after warming up, interleaved with the peer by the caller. */
function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

function compare(label, ours, peer, check) {
  for (let warm = 0; warm < 5; warm += 1) {
    ours();
    peer();
  }
  const oursTimes = [];
  const peerTimes = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate which goes first, so neither always runs on a warmer cache or a quieter moment.
    const pair = run % 2 === 0 ? [ours, peer] : [peer, ours];
    for (const fn of pair) {
      const [elapsed, result] = time(fn);
      check(fn === ours ? 'ours' : 'peer', result);
      (fn === ours ? oursTimes : peerTimes).push(elapsed);
    }
  }
  const oursMedian = median(oursTimes);
  const peerMedian = median(peerTimes);
  return [label, ms(oursMedian), ms(peerMedian), ratio(oursMedian / peerMedian)];
}

const text = makeBody();
const expected = JSON.parse(text);
const equal = JSON.parse(text);
const different = JSON.parse(text);
const last = different.items.at(-1);
last.sizes[1].stock += 1;
const loose = JSON.parse(text);
for (const item of loose.items) {
  item.id += 1_000_000;
  item.owner.url = `${item.owner.url}?v=2`;
}

const expectNone = (who, result) => {
  const ok = who === 'ours' ? result.length === 0 : result === true;
  if (!ok) throw new Error(`${who} found a difference in equal bodies`);
};
const expectOne = (who, result) => {
  const ok = who === 'ours' ? result.length === 1 : result === false;
  if (!ok) throw new Error(`${who} did not find the one difference: ${formatMismatches(result)}`);
};

const response = { status: 200, body: expected };
const rows = [
  compare(
    'equal bodies',
    () => matchResponse(response, { status: 200, body: equal }),
    () => isDeepStrictEqual(expected, equal),
    expectNone,
  ),
  compare(
    'one leaf differs (the last)',
    () => matchResponse(response, { status: 200, body: different }),
    () => isDeepStrictEqual(expected, different),
    expectOne,
  ),
  compare(
    'equal but for nonStrict paths (id, owner.url)',
    () =>
      matchResponse(
        response,
        { status: 200, body: loose },
        { nonStrict: ['items.id', 'items.owner.url'] },
      ),
    () => isDeepStrictEqual(expected, equal),
    expectNone,
  ),
];

// The same bodies, where the ids and owner urls differ, matched under rules that allow them.
const ruled = {
  response,
  nonStrict: [],
  rules: {
    'response.body.items.tags': 'each-like min 1',
    'response.body.items.id': 'type',
    'response.body.items.owner.url': 'regex ^/users/[0-9]+',
    'response.body.items.discount': 'nullable range 0..6',
    'response.body.total': 'range 1..1000000',
  },
};
const ruleRow = compare(
  'rules (each-like, type, regex, nullable, range) vs none',
  () => matchResponse(ruled, { status: 200, body: loose }),
  () => matchResponse(response, { status: 200, body: equal }),
  (who, result) => {
    if (result.length !== 0)
      throw new Error(`${who} found a difference: ${formatMismatches(result)}`);
  },
);

console.log(
  `body: ${(text.length / 1e6).toFixed(2)} MB of JSON, ${expected.items.length} items; median of ${RUNS} runs; node ${process.version}`,
);
printTable(['case', 'abe matchResponse', 'util.isDeepStrictEqual', 'ratio'], rows);
console.log('\nThe nonStrict row compares isDeepStrictEqual on equal bodies: it has no nonStrict.');
console.log('');
printTable(['case', 'with rules', 'without rules', 'ratio'], [ruleRow]);
console.log(
  `The mismatch reported for the changed leaf:\n${formatMismatches(matchResponse(response, { status: 200, body: different }))}`,
);
