// The workload of bench/provider, also measured by bench/ledger: 1,000 examples (FILES contract
// files × PER_FILE examples) and the Express app that answers every one of them. One module, so
// that both benches time the same contracts against the same app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

export const FILES = 50;
export const PER_FILE = 20;

/** The body of item `index` of shop `file`: what the app answers and the examples expect. */
export function item(file, index) {
  return {
    id: index,
    name: `item ${file}-${index}`,
    tags: ['x', 'y'],
    owner: { id: 7, username: 'alice', url: '/users/7' },
    price: { amount: 1250, currency: 'EUR' },
  };
}

/**
 * Writes the FILES contract files (`shop-00.json` …) of PER_FILE examples each into `dir`.
 *
 * @example
 * writeProviderContracts(join(work, 'contracts'));
 * await verifyProvider(providerApp(), 'contracts', { root: work });
 */
export function writeProviderContracts(dir) {
  mkdirSync(dir, { recursive: true });
  for (let file = 0; file < FILES; file += 1) {
    const examples = {};
    for (let index = 0; index < PER_FILE; index += 1) {
      examples[`item ${index}`] = {
        request: {
          url: `/shop-${file}/items/${index}`,
          queryParams: { verbose: '0', tag: ['x', 'y'] },
          headers: { Accept: 'application/json' },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: item(file, index),
        },
      };
    }
    const contract = { url: `/shop-${file}/items/[0-9]+`, method: 'GET', examples };
    writeFileSync(
      join(dir, `shop-${String(file).padStart(2, '0')}.json`),
      JSON.stringify(contract, null, 2),
    );
  }
}

/**
 * The Express app the contracts describe: `GET /shop-<file>/items/<index>` answers `item(file, index)`.
 *
 * @example
 * const app = providerApp();
 * const report = await verifyProvider(app, 'contracts', { root: work });
 */
export function providerApp() {
  const app = express();
  app.get('/:shop/items/:id', (req, res) => {
    res.json(item(Number(req.params.shop.slice(5)), Number(req.params.id)));
  });
  return app;
}
